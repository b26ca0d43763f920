import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemScope, Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { jsonObjectParameter, requiredString } from '../../../shared/validation';
import { deviceFields, deviceParameters } from '../../fields/device';
import { flexUnlock } from '../../transport';

const show = { resource: ['unlock'], operation: ['placeOrder'] };

/** The order's fields (device, service, additional fields), shared by Place Order and Order and Wait. */
export function orderFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		...deviceFields(show),
		{
			displayName: 'Service Name or ID',
			name: 'service',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getServices', loadOptionsDependsOn: ['imei', 'carrier'] },
			required: true,
			default: '',
			description:
				'One of the services the eligibility check offers for this device and carrier. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			displayOptions: { show },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description: 'Account email for activation services (sent as `Email`, as in the webhook example)',
				},
				{
					displayName: 'Extra Body Fields (JSON)',
					name: 'extraFields',
					type: 'json',
					default: '{}',
					description: 'More fields to send in the order body as they are, for options this node does not know',
				},
			],
		},
	] as INodeProperties[];
}

/** The order body from the item's parameters, checked locally first. */
export function orderBody(ctx: IExecuteFunctions, item: ItemScope): IDataObject {
	const device = deviceParameters(ctx, item);
	const service = requiredString(ctx, item, 'Service', ctx.getNodeParameter('service', item.index, ''));
	const additional = ctx.getNodeParameter('additionalFields', item.index, {}) as { email?: string; extraFields?: unknown };
	const body: IDataObject = { ...jsonObjectParameter(ctx, item, 'Extra Body Fields (JSON)', additional.extraFields), ...device, service };
	// inferred: the email goes as `Email`, the key the doc's webhook example uses
	const email = (additional.email ?? '').trim();
	if (email !== '') body.Email = email;
	return body;
}

/**
 * `POST /unlock/order {imei, carrier, service}` (inferred path and shape, API-NOTES B): answers
 * `{status, order_id, order_status}`. Never repeated after it may have reached the server.
 */
export const placeOrder: Operation = {
	properties: orderFields(show),
	async run(item) {
		return apiRequest.call(this, flexUnlock, { method: 'POST', path: '/unlock/order', body: orderBody(this, item) }, item) as Promise<IDataObject>;
	},
};
