import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { flexUnlock } from '../../transport';
import { webhookIdField, webhookIdParameter } from './fields';

const show = { resource: ['webhook'], operation: ['delete'] };

/** `DELETE /webhooks/{id}` (inferred): 204 No Content, so the output says what was deleted. */
export const deleteWebhook: Operation = {
	properties: [webhookIdField(show)],
	async run(item) {
		const id = webhookIdParameter(this, item);
		const body = await apiRequest.call(this, flexUnlock, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}` }, item);
		// inferred: the output of a 204 is { deleted: true, id }; a body, if any, is kept
		return { ...(typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : {}), deleted: true, id };
	},
};
