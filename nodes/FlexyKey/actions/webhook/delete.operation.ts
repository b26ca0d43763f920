import type { IDataObject } from 'n8n-workflow';
import { unitField, unitIdOf } from '../../fields/unit';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { eventField, eventParameter } from './event';
import { showFor } from '../../../shared/display';

/** `DELETE /Webhooks?unitId=…&event=…`: 204 No Content, so the output says what was deleted. */
export const deleteWebhook: FlexyKeyOperation = {
	properties: showFor('webhook', 'delete', [unitField(), eventField()]),
	async run(item) {
		const event = eventParameter(this, item);
		const unitId = await unitIdOf(this, item);
		const body = await flexyKeyApi(this, item).delete('/Webhooks', { qs: { unitId, event } });
		// inferred: the output of a 204 is { deleted: true, unitId, event }; a body, if any, is kept
		return { ...(typeof body === 'object' && body !== null ? (body as IDataObject) : {}), deleted: true, unitId, event };
	},
};
