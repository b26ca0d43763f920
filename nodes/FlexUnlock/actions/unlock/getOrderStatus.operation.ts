import type { IDataObject } from 'n8n-workflow';
import { requiredString } from '../../../shared/validation';
import { isObject, mismatchMessage, REPORT_HINT } from '../../../shared/contract';
import { ORDER_STATES, readOrderStatus, SERVICE } from '../../contract';
import { unknownStateError } from '../../../shared/state-words';
import { flexUnlockApi, type FlexUnlockOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/**
 * `POST /unlock/status {order_id}` (inferred path, API-NOTES B): the order with `order_status`
 * (`created`, `processing`, `completed`, `failed`) and `unlock_code` once completed.
 */
export const getOrderStatus: FlexUnlockOperation = {
	concurrent: true,
	properties: showFor('unlock', 'getOrderStatus', [
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'ord_123456',
			description: 'The `order_id` Place Order answered',
		},
	]),
	async run(item) {
		const orderId = requiredString(this, item, 'Order ID', this.getNodeParameter('orderId', item.index, ''));
		const body = (await flexUnlockApi(this, item).post('/unlock/status', { order_id: orderId }, { idempotent: true })) as IDataObject;
		// The answer is output as given; one this node cannot read as an order says so instead of passing silently.
		const order = readOrderStatus(body);
		if (order.ok && order.value.state === 'unknown') {
			return { ...body, warnings: [`${unknownStateError(this.getNode(), SERVICE, ORDER_STATES, order.value.statusText ?? '', 'POST /v1/unlock/status').message}. ${REPORT_HINT}`] };
		}
		if (order.ok) return body;
		return { ...(isObject(body) ? body : { body }), warnings: [`${mismatchMessage(SERVICE, 'POST /v1/unlock/status', order)}. ${REPORT_HINT}`] };
	},
};
