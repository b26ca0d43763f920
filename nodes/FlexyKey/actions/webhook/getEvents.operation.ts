import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { listRows } from '../../contract';
import { flexyKey } from '../../transport';

/** `GET /Webhooks/Events`: one item per supported event; a bare event name becomes `{ "event": name }` (inferred). */
export const getEvents: Operation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return listRows(this.getNode(), 'webhookEvents', await apiRequest.call(this, flexyKey, { method: 'GET', path: '/Webhooks/Events', idempotent: true }, item), item.index, 'event');
	},
};
