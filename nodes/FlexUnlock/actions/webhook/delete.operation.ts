import type { IDataObject } from 'n8n-workflow';
import { flexUnlockApi, type FlexUnlockOperation } from '../../transport';
import { webhookIdField, webhookIdParameter } from './fields';
import { showFor } from '../../../shared/display';

/** `DELETE /webhooks/{id}` (inferred): 204 No Content, so the output says what was deleted. */
export const deleteWebhook: FlexUnlockOperation = {
	properties: showFor('webhook', 'delete', [webhookIdField()]),
	async run(item) {
		const id = webhookIdParameter(this, item);
		const body = await flexUnlockApi(this, item).delete(`/webhooks/${encodeURIComponent(id)}`);
		// inferred: the output of a 204 is { deleted: true, id }; a body, if any, is kept
		return { ...(typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : {}), deleted: true, id };
	},
};
