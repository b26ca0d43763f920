import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { additionalFields, type FieldSpec, showFor } from '../../../shared/display';
import type { ItemScope } from '../../../shared/run-scope';
import { requiredString } from '../../../shared/validation';
import { extraBodyFields, extraFieldsOption, type OwnBodyFields } from '../../../shared/extra-fields';
import { deviceFields, deviceParameters } from '../../fields/device';
import { flexUnlockApi, type FlexUnlockOperation } from '../../transport';

/** The order's fields (device, service, additional fields), shared by Place Order and Order and Wait. */
export function orderFields(): FieldSpec[] {
	return [
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
		additionalFields([
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Account email for activation services (sent as `Email`, as in the webhook example)',
			},
			extraFieldsOption(),
		]),
	];
}

/** The body keys the order's fields send: "Extra Body Fields (JSON)" may not set them. */
const ORDER_BODY_FIELDS: OwnBodyFields = { imei: 'IMEI', carrier: 'Carrier', service: 'Service', Email: 'Email' };

/** The order body from the item's parameters, checked locally first. */
export function orderBody(ctx: IExecuteFunctions, item: ItemScope): IDataObject {
	const device = deviceParameters(ctx, item);
	const service = requiredString(ctx, item, 'Service', ctx.getNodeParameter('service', item.index, ''));
	const additional = ctx.getNodeParameter('additionalFields', item.index, {}) as { email?: string; extraFields?: unknown };
	const body: IDataObject = { ...extraBodyFields(ctx, item, additional.extraFields, ORDER_BODY_FIELDS), ...device, service };
	// inferred: the email goes as `Email`, the key the doc's webhook example uses
	const email = (additional.email ?? '').trim();
	if (email !== '') body.Email = email;
	return body;
}

/**
 * `POST /unlock/order {imei, carrier, service}` (inferred path and shape, API-NOTES B): answers
 * `{status, order_id, order_status}`. Never repeated after it may have reached the server.
 */
export const placeOrder: FlexUnlockOperation = {
	properties: showFor('unlock', 'placeOrder', orderFields()),
	async run(item) {
		return flexUnlockApi(this, item).post('/unlock/order', orderBody(this, item));
	},
};
