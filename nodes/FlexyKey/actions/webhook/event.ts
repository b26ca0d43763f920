/** The webhook event field (events from `GET /Webhooks/Events`) shared by the webhook operations. */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { invalidInput } from '../../../shared/validation';
import type { FieldSpec } from '../../../shared/display';

export function eventField(): FieldSpec {
	return {
		displayName: 'Event Name or ID',
		name: 'event',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getWebhookEvents' },
		required: true,
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'A webhook is configured per unit and event, e.g. control.statusChanged',
	};
}

export function eventParameter(ctx: IExecuteFunctions, item: ItemScope): string {
	const event = String(ctx.getNodeParameter('event', item.index, '') ?? '').trim();
	if (event === '') throw invalidInput(ctx, item, 'Event', 'is required, e.g. control.statusChanged');
	return event;
}
