/**
 * FlexUnlock answers: the check is documented (read strictly); the order, order status and
 * webhook answers are inferred (API-NOTES B) and read tolerantly. See docs/vendor-contract.md.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import {
	expectReading,
	field,
	fieldValue,
	findList,
	findObject,
	isObject,
	joinVariants,
	matched,
	mismatch,
	rowsOf,
	textOf,
	textsOf,
	type Reading,
} from '../shared/contract';
import { stateReader } from '../shared/state-words';

export const SERVICE = 'FlexUnlock';

/** Documented: `POST /v1/unlock/check` answers `{ status, eligible, price, estimated_time, supported_services }`. */
export function readSupportedServices(body: unknown): Reading<string[]> {
	if (!isObject(body)) return mismatch('an object with supported_services', body);
	const services = body.supported_services;
	if (Array.isArray(services)) return matched(services.map(String));
	// Documented field, read strictly: a missing list is an ineligible device (or an empty list).
	if (services === undefined && body.eligible === false) return matched([]);
	return mismatch('supported_services (a list, as documented)', body);
}

export type OrderState = 'created' | 'processing' | 'completed' | 'failed' | 'cancelled';

/**
 * inferred: order status words (API-NOTES B: `created`, `processing`, `completed`, `failed`), in any
 * case or separator style, with their common synonyms. `cancelled` ends an order without a code.
 */
export const ORDER_STATES = stateReader<OrderState>({
	subject: 'order status',
	words: {
		created: ['new', 'placed', 'pending', 'queued', 'waiting', 'received', 'accepted', 'submitted', 'open'],
		processing: ['inProgress', 'running', 'started', 'working', 'active'],
		completed: ['complete', 'done', 'success', 'succeeded', 'successful', 'finished', 'unlocked', 'delivered'],
		failed: ['failure', 'error', 'errored', 'rejected', 'declined', 'unsuccessful'],
		cancelled: ['canceled', 'aborted', 'refunded', 'expired'],
	},
	// inferred: an order status written as a number is its position in API-NOTES B's list
	// (created, processing, completed, failed), as a server serialising an enum by value writes it
	codes: { 0: 'created', 1: 'processing', 2: 'completed', 3: 'failed' },
});

export interface OrderStatus {
	orderId?: string;
	/** The status as the server wrote it, lowercased (the node's word is `state`). */
	status?: string;
	/** The status exactly as the server wrote it, for messages. */
	statusText?: string;
	/** The order's state; `unknown` for a word the node does not know, `none` when the answer has none. */
	state: OrderState | 'unknown' | 'none';
	unlockCode?: string;
	/** Why a failed order failed, when the server says so. */
	failureReason?: string;
}

/** Words of the answer envelope's own `status`, which are not an order status. */
const ENVELOPE_WORDS = new Set(['success', 'ok', 'true']);

/**
 * `POST /v1/unlock/order` and `POST /v1/unlock/status` (inferred: `{ status: "success", order_id,
 * order_status, unlock_code }`). The envelope's `status` is "success"; the order's own status is
 * `order_status`, or `status` inside an `order`/`data` object, or any `status` word other than the envelope's (`success`).
 */
export function readOrderStatus(body: unknown): Reading<OrderStatus> {
	const object = findObject(body, ['order_status', 'orderStatus', 'order_id', 'orderId']);
	const order = object.ok ? object.value : isObject(body) ? body : undefined;
	if (!order) return mismatch('an order with order_id / order_status', body);
	const nested = ['order', 'data', 'result'].map((key) => fieldValue(order, [key])).find(isObject);
	const source: IDataObject = nested ? { ...order, ...nested } : order;
	const explicit = field(source, ['order_status', 'orderStatus', 'unlock_status', 'state']);
	const plain = textOf(fieldValue(nested ?? {}, ['status'])) ?? textOf(order.status);
	const statusWord = textOf(explicit?.value) ?? (plain && !ENVELOPE_WORDS.has(plain.toLowerCase()) ? plain : undefined);
	const orderId = field(source, ['order_id', 'orderId', 'id']);
	if (statusWord === undefined && orderId === undefined) return mismatch('an order with order_id / order_status', body);
	const variant = joinVariants([object.ok ? object.variant : undefined, explicit?.variant ?? (statusWord ? 'status for order_status' : undefined), orderId?.variant]);
	return matched(
		{
			orderId: textOf(orderId?.value),
			status: statusWord?.toLowerCase(),
			statusText: statusWord,
			state: ORDER_STATES.read(statusWord).state,
			unlockCode: textOf(fieldValue(source, ['unlock_code', 'unlockCode', 'code'])),
			failureReason: textOf(fieldValue(source, ['failure_reason', 'failureReason', 'error_message', 'errorMessage', 'reason', 'error'])),
		},
		variant,
	);
}

export interface WebhookFields {
	id?: string;
	url?: string;
	events: string[];
}

// inferred: `GET /v1/webhooks` answers `{ status, webhooks: [{ id, url, events, created_at }] }`
const WEBHOOK_LIST = { at: 'webhooks', synonyms: ['hooks', 'subscriptions'], identify: ['id', 'url', 'webhook_id'] } as const;

export function readWebhooks(body: unknown): Reading<IDataObject[]> {
	if (body === undefined || body === null || body === '') return matched([], 'an empty answer');
	const list = findList(body, WEBHOOK_LIST);
	return list.ok ? matched(rowsOf(list.value), list.variant) : list;
}

export function webhookRows(node: INode, body: unknown, itemIndex?: number): IDataObject[] {
	return expectReading(node, SERVICE, 'GET /v1/webhooks', readWebhooks(body), itemIndex);
}

/** Fields that identify a webhook registration in an answer. */
const WEBHOOK_IDENTIFY = ['id', 'webhook_id', 'webhookId', 'url'];

/**
 * `POST /v1/webhooks` (inferred: `{ id, url, events, created_at }`): the registration it made, also
 * when wrapped (`{ status, webhook: { webhook_id, … } }`, an envelope). Without a readable id it is
 * a mismatch naming the keys seen: the trigger cannot delete what it cannot name.
 */
export function readCreatedWebhook(body: unknown): Reading<WebhookFields & { id: string }> {
	const object = findObject(body, WEBHOOK_IDENTIFY);
	const fields = object.ok ? webhookFields(object.value) : undefined;
	if (!object.ok || fields?.id === undefined) return mismatch('a webhook with id (or webhook_id)', body);
	const idVariant = field(object.value, ['id', 'webhook_id', 'webhookId'])?.variant;
	return matched({ ...fields, id: fields.id }, joinVariants([object.variant, idVariant]));
}

export function webhookFields(row: IDataObject): WebhookFields {
	return {
		id: textOf(fieldValue(row, ['id', 'webhook_id', 'webhookId'])),
		url: textOf(fieldValue(row, ['url', 'callback_url', 'callbackUrl', 'endpoint', 'target_url'])),
		events: textsOf(fieldValue(row, ['events', 'event', 'event_types', 'topics']), ['event', 'name']) ?? [],
	};
}

