import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { requiredString } from '../../../shared/validation';
import { flexUnlock } from '../../transport';

const show = { resource: ['unlock'], operation: ['getOrderStatus'] };

/**
 * `POST /unlock/status {order_id}` (inferred path, API-NOTES B): the order with `order_status`
 * (`created`, `processing`, `completed`, `failed`) and `unlock_code` once completed.
 */
export const getOrderStatus: Operation = {
	concurrent: true,
	properties: [
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'ord_123456',
			description: 'The `order_id` Place Order answered',
			displayOptions: { show },
		},
	],
	async run(item) {
		const orderId = requiredString(this, item, 'Order ID', this.getNodeParameter('orderId', item.index, ''));
		return apiRequest.call(
			this,
			flexUnlock,
			{ method: 'POST', path: '/unlock/status', body: { order_id: orderId }, idempotent: true },
			item,
		) as Promise<IDataObject>;
	},
};
