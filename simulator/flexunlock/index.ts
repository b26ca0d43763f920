/**
 * FlexUnlock API simulator, served under `/flexunlock/v1`.
 *
 * Documented (seed doc + API-NOTES A): Bearer API keys, `POST /unlock/check {imei, carrier}` and its
 * response shape, `{"error": "..."}` errors (400 "Invalid IMEI number", 401 "Invalid API key"),
 * per-plan rate limits with `X-RateLimit-*` headers and 429 + `Retry-After`, `POST /webhooks
 * {url, events, secret}`, the four `unlock.*` events, the delivery body and `X-FlexUnlock-Signature`.
 * Everything else is marked `// inferred:` (API-NOTES B or a decision made here).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Router, INVALID_JSON, type SimReply, type SimRequest } from '../core/http';
import { RateLimiter } from '../core/rate-limit';
import type { SimApi } from '../core/server';
import { hmacHex } from '../core/webhooks';
import type { RateLimitKnob } from '../config';
import { flexUnlockKeys } from '../demo-credentials';
import type { SimContext } from '../index';
import { findCarrier, isValidImei, seedOrders, flexUnlockFixtures, type OrderStatus } from './catalogue';

export { flexUnlockFixtures, withLuhn, isValidImei } from './catalogue';
export type { OrderStatus } from './catalogue';

export const FLEXUNLOCK_EVENTS = ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed'] as const;
export type FlexUnlockEvent = (typeof FLEXUNLOCK_EVENTS)[number];

type AccountName = keyof typeof flexUnlockKeys;

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

export interface RequestLogEntry {
	at: string;
	method: string;
	path: string;
	/** Demo account name (`reseller`, …) once the key was recognised. */
	account?: string;
	status: number;
}

export interface FlexUnlockApi extends SimApi {
	readonly name: 'flexunlock';
	/** 429s answered since start or the last reset. */
	readonly rateLimited: number;
	/** Every request answered (newest last, capped at 10,000). */
	readonly requests: readonly RequestLogEntry[];
	readonly orders: ReadonlyMap<string, FlexUnlockOrder>;
	readonly webhooks: ReadonlyMap<string, FlexUnlockWebhook>;
	/** Steps an order at once (created → processing → completed/failed); returns its new status. */
	advanceOrder(orderId: string): OrderStatus;
	/** Resolves when every webhook delivery started so far has been answered (or failed). */
	flush(): Promise<void>;
}

const MAX_LOG = 10_000;
const DAY_MS = 86_400_000;

const accountsByKey = new Map<string, AccountName>(
	(Object.keys(flexUnlockKeys) as AccountName[]).map((name) => [flexUnlockKeys[name].key, name]),
);

/** `2025-10-27 23:11:29`, the doc's webhook timestamp format. */
// inferred: UTC (the doc does not name a time zone)
export function flexUnlockTime(ms: number): string {
	return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

const error = (status: number, message: string, headers?: Record<string, string>): SimReply => ({
	status,
	body: { error: message },
	headers,
});

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function unlockCodeFor(order: FlexUnlockOrder): string {
	// The doc's only example: an account-activation service whose "code" is a sentence about the Email.
	if (order.email) return `${order.email} successfully activated`;
	// inferred: device unlock codes are 16 digits, stable per IMEI and service
	const digest = createHash('sha256').update(`${order.imei}:${order.service}`).digest();
	return Array.from(digest.subarray(0, 16), (byte) => String(byte % 10)).join('');
}

export function createFlexUnlockApi(ctx: SimContext): FlexUnlockApi {
	const minuteLimiter = new RateLimiter({ limit: 60, windowMs: 60_000 }, () => ctx.now());
	const dayLimiter = new RateLimiter({ limit: 1_000, windowMs: DAY_MS }, () => ctx.now());
	let limiterSignature = '';

	let orders = new Map<string, FlexUnlockOrder>();
	let webhooks = new Map<string, FlexUnlockWebhook>();
	const timers = new Map<string, NodeJS.Timeout>();
	const chains = new Map<string, Promise<void>>();
	const pending = new Set<Promise<void>>();
	let requests: RequestLogEntry[] = [];
	let rateLimited = 0;
	let nextOrderNumber = 100_001;

	const cfg = () => ctx.config.flexunlock;

	function seed(): void {
		timers.forEach((timer) => clearTimeout(timer));
		timers.clear();
		orders = new Map();
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
			if (order.status === 'failed') order.failureReason = failureReason;
			orders.set(order.id, order);
		}
		nextOrderNumber = 100_001 + seedOrders.length;
		webhooks = new Map();
		chains.clear();
		requests = [];
		rateLimited = 0;
		minuteLimiter.reset();
		dayLimiter.reset();
		limiterSignature = '';
	}

	// inferred: the reason text of a failed order
	const failureReason = 'Unlock attempt failed: the carrier rejected the request';

	/** Applies the rate-limit knob; returns the headers to send, or a 429 reply. */
	function rateLimit(account: AccountName): { headers: Record<string, string>; reject?: SimReply } {
		const knob: RateLimitKnob = cfg().rateLimit;
		if (knob.mode === 'off') return { headers: {} };
		const signature = `${knob.mode}:${knob.limit}:${knob.windowMs}`;
		if (signature !== limiterSignature) {
			// A changed knob starts fresh windows (the 429 count survives).
			minuteLimiter.reset();
			dayLimiter.reset();
			limiterSignature = signature;
		}
		const plan = flexUnlockKeys[account];
		minuteLimiter.config = knob.mode === 'plan' ? { limit: plan.perMinute, windowMs: 60_000 } : { limit: knob.limit, windowMs: knob.windowMs };
		const minute = minuteLimiter.take(account);
		if (!minute.allowed) return { headers: minute.headers, reject: tooMany(minute.headers) };
		if (knob.mode === 'plan') {
			// inferred: the documented daily quota answers 429 like the minute limit, with the
			// daily window's headers and a Retry-After up to the end of that 24-hour window
			dayLimiter.config = { limit: plan.perDay, windowMs: DAY_MS };
			const day = dayLimiter.take(account);
			if (!day.allowed) return { headers: day.headers, reject: tooMany(day.headers) };
		}
		return { headers: minute.headers };
	}

	function tooMany(headers: Record<string, string>): SimReply {
		rateLimited++;
		return error(429, 'Rate limit exceeded', headers);
	}

	// ---- webhooks out -------------------------------------------------------------------------

	function eventData(order: FlexUnlockOrder): Record<string, unknown> {
		// Key order follows the doc's example; imei/carrier/service are added (inferred) so a
		// receiver can act without a status call.
		const data: Record<string, unknown> = { order_id: order.id };
		if (order.email !== undefined) data.Email = order.email;
		data.status = order.status;
		if (order.unlockCode !== undefined) data.unlock_code = order.unlockCode;
		if (order.completedAt !== undefined && order.status === 'completed') data.completed_at = flexUnlockTime(order.completedAt);
		// inferred: a failed order carries its reason
		if (order.status === 'failed' && order.failureReason) data.failure_reason = order.failureReason;
		data.imei = order.imei;
		data.carrier = order.carrier;
		data.service = order.service;
		return data;
	}

	function emit(order: FlexUnlockOrder, event: FlexUnlockEvent): void {
		const body = JSON.stringify({ event, created_at: flexUnlockTime(ctx.now()), data: eventData(order) });
		for (const hook of webhooks.values()) {
			if (hook.account !== order.account || !hook.events.includes(event)) continue;
			const headers = { 'X-FlexUnlock-Signature': hmacHex(hook.secret, body) };
			// inferred: one delivery attempt per event, no retries; deliveries to one webhook keep event order
			const previous = chains.get(hook.id) ?? Promise.resolve();
			const next = previous
				.then(() => ctx.webhooks.deliver('flexunlock', hook.url, 'POST', headers, body))
				.then(
					() => undefined,
					() => undefined,
				);
			chains.set(hook.id, next);
			pending.add(next);
			void next.finally(() => pending.delete(next));
		}
	}

	// ---- order progression --------------------------------------------------------------------

	function schedule(order: FlexUnlockOrder): void {
		const existing = timers.get(order.id);
		if (existing) clearTimeout(existing);
		timers.delete(order.id);
		if (order.status === 'completed' || order.status === 'failed') return;
		const stepMs = cfg().orderStepMs;
		// inferred (simulator knob): orderStepMs <= 0 means orders move only through advanceOrder()
		if (!(stepMs > 0)) return;
		const timer = setTimeout(() => {
			timers.delete(order.id);
			step(order);
			schedule(order);
		}, stepMs);
		timer.unref();
		timers.set(order.id, timer);
	}

	function step(order: FlexUnlockOrder): void {
		if (order.status === 'created') {
			order.status = 'processing';
			emit(order, 'unlock.processing');
		} else if (order.status === 'processing') {
			order.completedAt = ctx.now();
			if ((flexUnlockFixtures.failingImeis as readonly string[]).includes(order.imei)) {
				order.status = 'failed';
				order.failureReason = failureReason;
				emit(order, 'unlock.failed');
			} else {
				order.status = 'completed';
				order.unlockCode = unlockCodeFor(order);
				emit(order, 'unlock.completed');
			}
		}
	}

	// ---- handlers -----------------------------------------------------------------------------

	type Handler = (req: SimRequest, account: AccountName) => SimReply;

	/** Shared check of `imei` + `carrier`; answers the eligibility or an error reply. */
	function eligibility(body: Record<string, unknown>):
		| { error: SimReply }
		| { eligible: boolean; price: number; estimatedTime: string; services: string[] } {
		// inferred: a missing imei gets its own message; a malformed one the documented "Invalid IMEI number"
		if (body.imei === undefined || body.imei === null || body.imei === '') {
			return { error: error(400, 'Missing required parameter: imei') };
		}
		// inferred: the IMEI must be a string (the table says so) of 15 digits with a valid Luhn digit
		if (!isValidImei(body.imei)) return { error: error(400, 'Invalid IMEI number') };
		if (body.carrier === undefined || body.carrier === null || body.carrier === '') {
			return { error: error(400, 'Missing required parameter: carrier') };
		}
		if (!nonEmptyString(body.carrier)) return { error: error(400, 'Invalid carrier: must be a string') };
		const carrier = findCarrier(body.carrier);
		// inferred: unknown carriers and blacklisted devices are not eligible (200, eligible: false,
		// price 0, estimated_time "N/A", no services) rather than an error
		if (!carrier || (flexUnlockFixtures.blacklistedImeis as readonly string[]).includes(body.imei)) {
			return { eligible: false, price: 0, estimatedTime: 'N/A', services: [] };
		}
		return { eligible: true, price: carrier.price, estimatedTime: carrier.estimatedTime, services: [...carrier.services] };
	}

	function jsonBody(req: SimRequest): { body: Record<string, unknown> } | { reply: SimReply } {
		// inferred: unparsable or non-object bodies answer 400 with a message
		if (req.body === INVALID_JSON) return { reply: error(400, 'Invalid JSON body') };
		if (req.body === undefined) return { body: {} };
		if (!isObject(req.body)) return { reply: error(400, 'Request body must be a JSON object') };
		return { body: req.body };
	}

	const check: Handler = (req) => {
		const parsed = jsonBody(req);
		if ('reply' in parsed) return parsed.reply;
		const body = parsed.body;
		const result = eligibility(body);
		if ('error' in result) return result.error;
		return {
			status: 200,
			body: {
				status: 'success',
				eligible: result.eligible,
				price: result.price,
				estimated_time: result.estimatedTime,
				supported_services: result.services,
			},
		};
	};

	const placeOrder: Handler = (req, account) => {
		const parsed = jsonBody(req);
		if ('reply' in parsed) return parsed.reply;
		const body = parsed.body;
		const result = eligibility(body);
		if ('error' in result) return result.error;
		// inferred: ordering an ineligible device is a 400
		if (!result.eligible) return error(400, 'Device is not eligible for unlocking');
		if (body.service === undefined || body.service === null || body.service === '') {
			return error(400, 'Missing required parameter: service');
		}
		if (typeof body.service !== 'string' || !result.services.includes(body.service)) {
			return error(400, `Unsupported service for this device. Supported services: ${result.services.join(', ')}`);
		}
		// inferred: an optional `Email` (or `email`) for account-activation services, echoed in the
		// order, its webhooks and its unlock_code (the doc's example shows "Email" in webhook data)
		const email = body.Email ?? body.email;
		if (email !== undefined && !nonEmptyString(email)) return error(400, 'Invalid Email: must be a string');
		const order: FlexUnlockOrder = {
			id: `ord_${nextOrderNumber++}`,
			account,
			imei: body.imei as string,
			carrier: body.carrier as string,
			service: body.service,
			price: result.price,
			email: email as string | undefined,
			status: 'created',
			createdAt: ctx.now(),
		};
		orders.set(order.id, order);
		emit(order, 'unlock.created');
		schedule(order);
		// inferred: 200 with the API-NOTES B shape
		return { status: 200, body: { status: 'success', order_id: order.id, order_status: order.status } };
	};

	const orderStatus: Handler = (req, account) => {
		const parsed = jsonBody(req);
		if ('reply' in parsed) return parsed.reply;
		const body = parsed.body;
		if (!nonEmptyString(body.order_id)) return error(400, 'Missing required parameter: order_id');
		const order = orders.get(body.order_id);
		// inferred: another account's order is indistinguishable from an unknown one
		if (!order || order.account !== account) return error(404, 'Order not found');
		// inferred: "same structure as check": the envelope's `status` is "success", the order's own
		// status is `order_status` (as in the order response)
		const out: Record<string, unknown> = {
			status: 'success',
			order_id: order.id,
			order_status: order.status,
			imei: order.imei,
			carrier: order.carrier,
			service: order.service,
			price: order.price,
		};
		if (order.email !== undefined) out.Email = order.email;
		if (order.unlockCode !== undefined) out.unlock_code = order.unlockCode;
		if (order.failureReason !== undefined) out.failure_reason = order.failureReason;
		out.created_at = flexUnlockTime(order.createdAt);
		if (order.completedAt !== undefined) out.completed_at = flexUnlockTime(order.completedAt);
		return { status: 200, body: out };
	};

	const webhookView = (hook: FlexUnlockWebhook) => ({
		id: hook.id,
		url: hook.url,
		events: [...hook.events],
		// inferred: same timestamp format as the delivery's created_at
		created_at: flexUnlockTime(hook.createdAt),
	});

	const createWebhook: Handler = (req, account) => {
		const parsed = jsonBody(req);
		if ('reply' in parsed) return parsed.reply;
		const body = parsed.body;
		let url: URL | undefined;
		try {
			url = typeof body.url === 'string' ? new URL(body.url) : undefined;
		} catch {
			url = undefined;
		}
		// inferred: validation rules and messages
		if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
			return error(400, 'Invalid webhook URL: must be an absolute http(s) URL');
		}
		if (!Array.isArray(body.events) || body.events.length === 0) {
			return error(400, `Invalid events: give a non-empty list of ${FLEXUNLOCK_EVENTS.join(', ')}`);
		}
		const unknown = body.events.filter((event) => !(FLEXUNLOCK_EVENTS as readonly unknown[]).includes(event));
		if (unknown.length > 0) {
			return error(400, `Invalid events: ${unknown.map(String).join(', ')}. Allowed: ${FLEXUNLOCK_EVENTS.join(', ')}`);
		}
		// inferred: the secret is required (every delivery is signed with it)
		if (!nonEmptyString(body.secret)) return error(400, 'Missing required parameter: secret');
		const hook: FlexUnlockWebhook = {
			id: `wh_${randomBytes(8).toString('hex')}`,
			account,
			url: body.url as string,
			events: [...new Set(body.events as FlexUnlockEvent[])],
			secret: body.secret,
			createdAt: ctx.now(),
		};
		webhooks.set(hook.id, hook);
		// inferred: 201 Created; registering the same URL twice creates a second webhook
		return { status: 201, body: webhookView(hook) };
	};

	const listWebhooks: Handler = (_req, account) => ({
		status: 200,
		// inferred: envelope `{status, webhooks}`; secrets are never returned
		body: {
			status: 'success',
			webhooks: [...webhooks.values()].filter((hook) => hook.account === account).map(webhookView),
		},
	});

	const deleteWebhook: Handler = (req, account) => {
		const hook = webhooks.get(req.params.id);
		// inferred: another account's webhook answers 404
		if (!hook || hook.account !== account) return error(404, 'Webhook not found');
		webhooks.delete(hook.id);
		chains.delete(hook.id);
		return { status: 204 };
	};

	const router = new Router();
	const routes: Array<[Parameters<Router['on']>[0], string, Handler]> = [
		['POST', '/unlock/check', check],
		// inferred: paths of the order and status endpoints (API-NOTES B)
		['POST', '/unlock/order', placeOrder],
		['POST', '/unlock/status', orderStatus],
		['POST', '/webhooks', createWebhook],
		['GET', '/webhooks', listWebhooks],
		['DELETE', '/webhooks/:id', deleteWebhook],
	];
	type AuthedRequest = SimRequest & { account: AccountName };
	for (const [method, path, handler] of routes) {
		router.on(method, path, (req) => handler(req, (req as AuthedRequest).account));
	}

	async function route(req: SimRequest, account: AccountName): Promise<SimReply> {
		const found = router.match(req.method, req.path);
		if (!found.handler) {
			// inferred: unknown paths 404, known paths with another method 405
			if (found.allowed.length > 0) return error(405, 'Method not allowed', { Allow: found.allowed.join(', ') });
			return error(404, 'Not found');
		}
		const authed: AuthedRequest = { ...req, params: found.params, account };
		return found.handler(authed);
	}

	function log(req: SimRequest, status: number, account?: string): void {
		requests.push({ at: new Date(ctx.now()).toISOString(), method: req.method, path: req.path, account, status });
		if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
	}

	seed();

	return {
		name: 'flexunlock',
		get rateLimited() {
			return rateLimited;
		},
		get requests() {
			return requests;
		},
		get orders() {
			return orders;
		},
		get webhooks() {
			return webhooks;
		},

		async handle(req) {
			const match = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
			const account = match ? accountsByKey.get(match[1]) : undefined;
			if (!account) {
				// inferred: no rate-limit headers without a recognised key (limits are per key)
				const out = error(401, 'Invalid API key');
				log(req, out.status);
				return out;
			}
			const limit = rateLimit(account);
			const out = limit.reject ?? (await route(req, account));
			out.headers = { ...limit.headers, ...(out.headers ?? {}) };
			log(req, out.status, account);
			return out;
		},

		state() {
			return {
				orders: [...orders.values()].map((order) => ({
					...order,
					createdAt: new Date(order.createdAt).toISOString(),
					completedAt: order.completedAt === undefined ? undefined : new Date(order.completedAt).toISOString(),
				})),
				// secrets stay out of the state snapshot too
				webhooks: [...webhooks.values()].map((hook) => ({ account: hook.account, ...webhookView(hook) })),
				rateLimited,
				requestCount: requests.length,
				pendingDeliveries: pending.size,
			};
		},

		reset() {
			seed();
		},

		dispose() {
			timers.forEach((timer) => clearTimeout(timer));
			timers.clear();
		},

		advanceOrder(orderId) {
			const order = orders.get(orderId);
			if (!order) throw new Error(`Unknown FlexUnlock order ${orderId}`);
			step(order);
			schedule(order);
			return order.status;
		},

		async flush() {
			while (pending.size > 0) await Promise.all([...pending]);
		},
	};
}
