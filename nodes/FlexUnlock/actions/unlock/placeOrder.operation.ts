import type { IDataObject } from 'n8n-workflow';
import { jsonObjectParameter, requiredString } from '../../../shared/validation';
import { deviceFields, deviceParameters } from '../../fields/device';
import type { FlexUnlockOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/**
 * `POST /unlock/order {imei, carrier, service}` (inferred path and shape, API-NOTES B): answers
 * `{status, order_id, order_status}`. Never repeated after it may have reached the server.
 */
export const placeOrder: FlexUnlockOperation = {
	properties: showFor('unlock', 'placeOrder', [
		...deviceFields(),
		{
			displayName: 'Service Name or ID',
			name: 'service',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getServices', loadOptionsDependsOn: ['imei', 'carrier'] },
			required: true,
			default: '',
			description:
				'One of the services the eligibility check offers for this device and carrier. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
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
	]),
	async run(item, ctx) {
		const device = deviceParameters(this, item);
		const service = requiredString(this, item, 'Service', this.getNodeParameter('service', item.index, ''));
		const additional = this.getNodeParameter('additionalFields', item.index, {}) as { email?: string; extraFields?: unknown };
		const body: IDataObject = { ...jsonObjectParameter(this, item, 'Extra Body Fields (JSON)', additional.extraFields), ...device, service };
		// inferred: the email goes as `Email`, the key the doc's webhook example uses
		const email = (additional.email ?? '').trim();
		if (email !== '') body.Email = email;
		return ctx.flexUnlock.post('/unlock/order', body);
	},
};
