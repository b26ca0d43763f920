import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { unitField, unitIdOf } from '../../fields/unit';
import { flexyKey } from '../../transport';
import { eventField, eventParameter } from './event';

const show = { resource: ['webhook'], operation: ['sendTest'] };

/** `POST /Webhooks/Test`: the API calls the configured URL once (header X-Webhook-Test: 1) and reports how it went. */
export const sendTest: Operation = {
	properties: [unitField(show), eventField(show)],
	async run(item) {
		const event = eventParameter(this, item);
		const unitId = await unitIdOf(this, item);
		return apiRequest.call(this, flexyKey, { method: 'POST', path: '/Webhooks/Test', body: { unitId, event } }, item) as Promise<IDataObject>;
	},
};
