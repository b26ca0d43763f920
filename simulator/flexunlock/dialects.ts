/**
 * FlexUnlock's inferred response shapes in dialects `b` and `minimal` (see core/dialect.ts and
 * docs/simulator.md). Left out on purpose, because the doc fixes them: the check response, the
 * `{"error": …}` error body and the webhook delivery. `b` keeps the doc's snake_case and its
 * `status: "success"` envelope but nests the object under a singular key; `minimal` keeps only what a
 * reader cannot do without.
 */
import { constantName, enumName, noBody, omit, pick, rename, shape } from '../core/dialect';

type Row = Record<string, unknown>;

// inferred order states: `b` writes them as enum names (`Processing`), `minimal` as constants (`PROCESSING`)
export const orderPlaced = shape<Row>({
	b: (order) => ({ status: order.status, order: { id: order.order_id, status: enumName(order.order_status) } }),
	minimal: (order) => pick({ ...order, order_status: constantName(order.order_status) }, ['order_id', 'order_status']),
});

export const orderStatus = shape<Row>({
	b: (order) => ({
		status: order.status,
		order: rename(omit({ ...order, order_status: enumName(order.order_status) }, ['status']), { order_id: 'id', order_status: 'status', failure_reason: 'error_message' }),
	}),
	minimal: (order) => pick({ ...order, order_status: constantName(order.order_status) }, ['order_id', 'order_status', 'unlock_code']),
});

const webhookB = (hook: Row) => rename(hook, { id: 'webhook_id' });
const webhookMinimal = (hook: Row) => pick(hook, ['id', 'url', 'events']);

export const webhookCreated = shape<Row>({
	b: (hook) => ({ status: 'success', webhook: webhookB(hook) }),
	minimal: (hook) => pick(hook, ['id']),
});

export const webhookList = shape<Row[]>({
	a: (hooks) => ({ status: 'success', webhooks: hooks }),
	b: (hooks) => ({ status: 'success', data: hooks.map(webhookB) }),
	minimal: (hooks) => ({ webhooks: hooks.map(webhookMinimal) }),
});

// inferred: 204 No Content; b confirms in the doc's envelope
export const webhookDeleted = shape<{ id: string }>({ a: noBody, b: ({ id }) => ({ status: 'success', message: 'Webhook deleted', webhook_id: id }), minimal: noBody });
