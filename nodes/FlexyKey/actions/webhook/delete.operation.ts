import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { unitField, unitIdOf } from '../../fields/unit';
import { flexyKey } from '../../transport';
import { eventField, eventParameter } from './event';

const show = { resource: ['webhook'], operation: ['delete'] };

/** `DELETE /Webhooks?unitId=…&event=…`: 204 No Content, so the output says what was deleted. */
export const deleteWebhook: Operation = {
	properties: [unitField(show), eventField(show)],
	async run(item) {
		const event = eventParameter(this, item);
		const unitId = await unitIdOf(this, item);
		const body = await apiRequest.call(this, flexyKey, { method: 'DELETE', path: '/Webhooks', qs: { unitId, event } }, item);
		// inferred: the output of a 204 is { deleted: true, unitId, event }; a body, if any, is kept
		return { ...(typeof body === 'object' && body !== null ? (body as IDataObject) : {}), deleted: true, unitId, event };
	},
};
