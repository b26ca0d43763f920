import type { IDataObject } from 'n8n-workflow';
import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { eventField, eventParameter } from './event';
import { additionalFields, showFor } from '../../../shared/display';
import { valueOr } from '../../../shared/contract';
import { readWebhook } from '../../contract';

/** The doc: callbackUrl is "required, absolute HTTP/HTTPS URL". */
export function isAbsoluteHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** `PUT /Webhooks`: creates or replaces the configuration of one unit and event (upsert). */
export const upsert: FlexyKeyOperation = {
	properties: showFor('webhook', 'upsert', [
		unitField(),
		eventField(),
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/flexykey-hook',
			description: 'Absolute HTTP or HTTPS URL the API calls when the event happens',
		},
		{
			displayName: 'HTTP Method',
			name: 'httpMethod',
			type: 'options',
			default: 'POST',
			options: [
				{ name: 'PATCH', value: 'PATCH' },
				{ name: 'POST', value: 'POST' },
				{ name: 'PUT', value: 'PUT' },
			],
			description: 'The method the API calls the callback URL with',
		},
		{
			displayName: 'Active',
			name: 'isActive',
			type: 'boolean',
			default: true,
			description: 'Whether the API sends the event. Turn off to pause the webhook without deleting it.',
		},
		additionalFields([
			{
				displayName: 'API Key',
				name: 'apiKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Sent with every call as the X-Api-Key header',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Signs every call: X-Signature is the HMAC-SHA256 of the raw body with this secret',
			},
		]),
	]),
	async run(item) {
		const event = eventParameter(this, item);
		const callbackUrl = String(this.getNodeParameter('callbackUrl', item.index, '') ?? '').trim();
		if (callbackUrl === '') throw invalidInput(this, item, 'Callback URL', 'is required');
		if (!isAbsoluteHttpUrl(callbackUrl)) throw invalidInput(this, item, 'Callback URL', `"${callbackUrl}" is not an absolute http:// or https:// URL`);
		const httpMethod = String(this.getNodeParameter('httpMethod', item.index, 'POST')).trim().toUpperCase();
		if (!['POST', 'PUT', 'PATCH'].includes(httpMethod)) throw invalidInput(this, item, 'HTTP Method', `"${httpMethod}" is not POST, PUT or PATCH`);
		const isActive = this.getNodeParameter('isActive', item.index, true) as boolean;
		const additional = this.getNodeParameter('additionalFields', item.index, {}) as { secret?: string; apiKey?: string };
		const unitId = await unitIdOf(this, item);

		// The doc: isActive is "1 or 0".
		const body: IDataObject = { unitId, event, callbackUrl, httpMethod, isActive: isActive ? 1 : 0 };
		if (additional.secret) body.secret = additional.secret;
		if (additional.apiKey) body.apiKey = additional.apiKey;
		const answer = await flexyKeyApi(this, item).put('/Webhooks', body);
		// The configuration the server answered with, wherever it put it; the answer as it came when none is found.
		return valueOr(readWebhook(answer), answer);
	},
};
