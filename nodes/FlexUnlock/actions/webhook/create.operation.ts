import type { IDataObject } from 'n8n-workflow';
import { httpUrlParameter, invalidInput } from '../../../shared/validation';
import { extraBodyFields, extraFieldsOption, type OwnBodyFields } from '../../../shared/extra-fields';
import { flexUnlockApi, type FlexUnlockOperation } from '../../transport';
import { WEBHOOK_EVENTS } from './fields';
import { additionalFields, showFor } from '../../../shared/display';

/** The body keys this operation's fields send: "Extra Body Fields (JSON)" may not set them. */
const WEBHOOK_BODY_FIELDS: OwnBodyFields = { url: 'URL', events: 'Events', secret: 'Secret' };

/**
 * `POST /webhooks {url, events, secret}` (documented body): answers `{id, url, events, created_at}`
 * (inferred). The secret signs every delivery (`X-FlexUnlock-Signature`) and is never echoed.
 */
export const create: FlexUnlockOperation = {
	properties: showFor('webhook', 'create', [
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://your-domain.com/webhook',
			description: 'Where FlexUnlock sends the events (an absolute http or https URL)',
		},
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			required: true,
			default: ['unlock.completed', 'unlock.failed'],
			options: WEBHOOK_EVENTS,
			description: 'The events to receive',
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your secret for the HMAC-SHA256 signature FlexUnlock adds to each delivery',
		},
		additionalFields([extraFieldsOption()]),
	]),
	async run(item) {
		const url = httpUrlParameter(this, item, 'URL', this.getNodeParameter('url', item.index, ''));
		const events = eventsParameter(this.getNodeParameter('events', item.index, []));
		if (events.length === 0) throw invalidInput(this, item, 'Events', 'choose at least one event');
		const unknown = events.filter((event) => !WEBHOOK_EVENTS.some((known) => known.value === event));
		if (unknown.length > 0) {
			throw invalidInput(this, item, 'Events', `unknown event ${unknown.join(', ')}; use ${WEBHOOK_EVENTS.map((event) => event.value).join(', ')}`);
		}
		const secret = String(this.getNodeParameter('secret', item.index, '') ?? '');
		if (secret.trim() === '') throw invalidInput(this, item, 'Secret', 'is required (it signs every delivery)');
		const additional = this.getNodeParameter('additionalFields', item.index, {}) as { extraFields?: unknown };
		const body: IDataObject = { ...extraBodyFields(this, item, additional.extraFields, WEBHOOK_BODY_FIELDS), url, events, secret };
		return flexUnlockApi(this, item).post('/webhooks', body);
	},
};

/** A list from the multi-select, or from an expression as an array or comma-separated text. */
function eventsParameter(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return [...new Set(list.map((event) => String(event).trim()).filter((event) => event !== ''))];
}
