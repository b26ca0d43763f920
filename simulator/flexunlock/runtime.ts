/**
 * FlexUnlock's mutable world: orders and their progression (created → processing →
 * completed/failed, on a timer or by `advance`), registered webhooks and their signed deliveries.
 */
import { createHash } from 'node:crypto';
import type { ClockTimer } from '../core/clock';
import type { SimContext } from '../core/context';
import { currentDialect, type Dialect } from '../core/dialect';
import { hmacHex } from '../core/webhooks';
import { flexUnlockKeys } from '../demo-credentials';
import { findCarrier, flexUnlockFixtures, seedOrders, type OrderStatus } from './catalogue';
import type { FlexUnlockEvent } from './schemas';

export type AccountName = keyof typeof flexUnlockKeys;

export interface FlexUnlockOrder {
	id: string;
	account: AccountName;
	imei: string;
	carrier: string;
	service: string;
	price: number;
	email?: string;
	status: OrderStatus;
	unlockCode?: string;
	failureReason?: string;
	createdAt: number;
	completedAt?: number;
}

export interface FlexUnlockWebhook {
	id: string;
	account: AccountName;
	url: string;
	events: FlexUnlockEvent[];
	secret: string;
	createdAt: number;
}

/** `2025-10-27 23:11:29`, the doc's webhook timestamp format. */
// inferred: UTC (the doc does not name a time zone)
export function flexUnlockTime(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

// inferred: the reason text of a failed order
export const FAILURE_REASON = 'Unlock attempt failed: the carrier rejected the request';

function unlockCodeFor(order: FlexUnlockOrder): string {
	// The doc's only example: an account-activation service whose "code" is a sentence about the Email.
	if (order.email) return `${order.email} successfully activated`;
	// inferred: device unlock codes are 16 digits, stable per IMEI and service
	const digest = createHash('sha256').update(`${order.imei}:${order.service}`).digest();
	return Array.from(digest.subarray(0, 16), (byte) => String(byte % 10)).join('');
}

/** A signed event ready to send: its order id (`key`), the webhook's URL, headers and body. */
export interface SignedEvent {
	key: string;
	url: string;
	headers: Record<string, string>;
	body: string;
}

function eventBody(order: FlexUnlockOrder, event: FlexUnlockEvent, now: number): string {
	return JSON.stringify({ event, created_at: flexUnlockTime(now), data: eventData(order) });
}

function signatureHeaders(hook: FlexUnlockWebhook, body: string): Record<string, string> {
	return { 'X-FlexUnlock-Signature': hmacHex(hook.secret, body) };
}

/** The delivery's `data`: key order follows the doc's example. */
function eventData(order: FlexUnlockOrder): Record<string, unknown> {
	const data: Record<string, unknown> = { order_id: order.id };
	if (order.email !== undefined) data.Email = order.email;
	data.status = order.status;
	if (order.unlockCode !== undefined) data.unlock_code = order.unlockCode;
	if (order.completedAt !== undefined && order.status === 'completed') data.completed_at = flexUnlockTime(order.completedAt);
	// inferred: a failed order carries its reason
	if (order.status === 'failed' && order.failureReason) data.failure_reason = order.failureReason;
	// inferred: imei/carrier/service are added so a receiver can act without a status call
	data.imei = order.imei;
	data.carrier = order.carrier;
	data.service = order.service;
	return data;
}

export class FlexUnlockRuntime {
	orders = new Map<string, FlexUnlockOrder>();
	webhooks = new Map<string, FlexUnlockWebhook>();
	private readonly timers = new Map<string, ClockTimer>();
	private readonly chains = new Map<string, Promise<void>>();
	readonly pending = new Set<Promise<void>>();
	private nextOrderNumber = 100_001;

	constructor(readonly ctx: SimContext) {
		this.seed();
	}

	now(): number {
		return this.ctx.clock.now();
	}

	/** The live dialect of inferred response shapes (see dialects.ts). */
	dialect(): Dialect {
		return currentDialect(this.ctx.config.dialect);
	}

	seed(): void {
		this.stopTimers();
		this.orders = new Map();
		for (const row of seedOrders) {
			const carrier = findCarrier(row.carrier)!;
			const order: FlexUnlockOrder = {
				id: row.id,
				account: row.account as AccountName,
				imei: row.imei,
				carrier: row.carrier,
				service: row.service,
				price: carrier.price,
				email: row.email,
				status: row.status,
				createdAt: Date.parse(row.createdAt),
				completedAt: row.completedAt ? Date.parse(row.completedAt) : undefined,
			};
			if (order.status === 'completed') order.unlockCode = unlockCodeFor(order);
			if (order.status === 'failed') order.failureReason = FAILURE_REASON;
			this.orders.set(order.id, order);
		}
		this.nextOrderNumber = 100_001 + seedOrders.length;
		this.webhooks = new Map();
		this.chains.clear();
	}

	stopTimers(): void {
		this.timers.forEach((timer) => this.ctx.clock.cancel(timer));
		this.timers.clear();
	}

	/** Stores a new order (status `created`), announces it and starts its progression. */
	placeOrder(fields: Omit<FlexUnlockOrder, 'id' | 'status' | 'createdAt'>): FlexUnlockOrder {
		const order: FlexUnlockOrder = { id: `ord_${this.nextOrderNumber++}`, ...fields, status: 'created', createdAt: this.now() };
		this.orders.set(order.id, order);
		this.emit(order, 'unlock.created');
		this.schedule(order);
		return order;
	}

	removeWebhook(id: string): void {
		this.webhooks.delete(id);
		this.chains.delete(id);
	}

	/** Steps an order at once and keeps its timer going; returns the new status. */
	advance(orderId: string): OrderStatus {
		const order = this.orders.get(orderId);
		if (!order) throw new Error(`Unknown FlexUnlock order ${orderId}`);
		this.step(order);
		this.schedule(order);
		return order.status;
	}

	async flush(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	/**
	 * `count` distinct `unlock.completed` events (orders `ord_burst_<n>`, not stored) for every webhook
	 * registered for that event, each signed as a delivery is, but not sent: the caller sends them all at
	 * once, a burst the simulator's own deliveries (one at a time per webhook, in event order) never make.
	 */
	signedBurst(count: number, imei: string): SignedEvent[] {
		const now = this.now();
		return [...this.webhooks.values()]
			.filter((hook) => hook.events.includes('unlock.completed'))
			.flatMap((hook) =>
				Array.from({ length: count }, (_, index) => {
					const order: FlexUnlockOrder = {
						id: `ord_burst_${index + 1}`,
						account: hook.account,
						imei,
						carrier: 'T-Mobile',
						service: 'Activation',
						price: 15.5,
						status: 'completed',
						createdAt: now,
						completedAt: now,
					};
					order.unlockCode = unlockCodeFor(order);
					const body = eventBody(order, 'unlock.completed', now);
					return { key: order.id, url: hook.url, headers: signatureHeaders(hook, body), body };
				}),
			);
	}

	private emit(order: FlexUnlockOrder, event: FlexUnlockEvent): void {
		const body = eventBody(order, event, this.now());
		for (const hook of this.webhooks.values()) {
			if (hook.account !== order.account || !hook.events.includes(event)) continue;
			const headers = signatureHeaders(hook, body);
			// inferred: one delivery attempt per event, no retries; deliveries to one webhook keep event order
			const previous = this.chains.get(hook.id) ?? Promise.resolve();
			const next = previous
				.then(() => this.ctx.webhooks.deliver('flexunlock', hook.url, 'POST', headers, body))
				.then(
					() => undefined,
					() => undefined,
				);
			this.chains.set(hook.id, next);
			this.pending.add(next);
			void next.finally(() => this.pending.delete(next));
		}
	}

	private schedule(order: FlexUnlockOrder): void {
		const existing = this.timers.get(order.id);
		if (existing) this.ctx.clock.cancel(existing);
		this.timers.delete(order.id);
		if (order.status === 'completed' || order.status === 'failed') return;
		const stepMs = this.ctx.config.flexunlock.orderStepMs;
		// inferred (simulator knob): orderStepMs <= 0 means orders move only through advanceOrder()
		if (!(stepMs > 0)) return;
		const timer = this.ctx.clock.after(stepMs, () => {
			this.timers.delete(order.id);
			this.step(order);
			this.schedule(order);
		});
		this.timers.set(order.id, timer);
	}

	private step(order: FlexUnlockOrder): void {
		if (order.status === 'created') {
			order.status = 'processing';
			this.emit(order, 'unlock.processing');
		} else if (order.status === 'processing') {
			order.completedAt = this.now();
			if ((flexUnlockFixtures.failingImeis as readonly string[]).includes(order.imei)) {
				order.status = 'failed';
				order.failureReason = FAILURE_REASON;
				this.emit(order, 'unlock.failed');
			} else {
				order.status = 'completed';
				order.unlockCode = unlockCodeFor(order);
				this.emit(order, 'unlock.completed');
			}
		}
	}
}
