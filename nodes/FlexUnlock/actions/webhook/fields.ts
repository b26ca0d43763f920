import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { invalidInput } from '../../../shared/validation';
import type { FieldSpec } from '../../../shared/display';

/** The four documented events. */
export const WEBHOOK_EVENTS = [
	{ name: 'Unlock Completed', value: 'unlock.completed', description: 'An unlock was completed successfully' },
	{ name: 'Unlock Created', value: 'unlock.created', description: 'A new unlock order was created' },
	{ name: 'Unlock Failed', value: 'unlock.failed', description: 'An unlock attempt failed' },
	{ name: 'Unlock Processing', value: 'unlock.processing', description: 'An unlock order started processing' },
];

export function webhookIdField(): FieldSpec {
	return {
		displayName: 'Webhook',
		name: 'webhookId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The webhook registration',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchWebhooks', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'wh_0123456789abcdef',
			},
		],
	};
}

export function webhookIdParameter(ctx: IExecuteFunctions, item: ItemScope): string {
	const locator = ctx.getNodeParameter('webhookId', item.index) as INodeParameterResourceLocator | string;
	const raw = String(typeof locator === 'object' && locator !== null ? (locator.value ?? '') : (locator ?? '')).trim();
	if (raw === '') throw invalidInput(ctx, item, 'Webhook', 'is required');
	if (/[/?#\s]/.test(raw)) throw invalidInput(ctx, item, 'Webhook', `"${raw}" is not a webhook ID`);
	return raw;
}
