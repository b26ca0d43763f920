import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { toRows } from '../../../shared/paging';
import { flexyKey } from '../../transport';

/** `GET /Webhooks/Events`: one item per supported event; a bare event name becomes `{ "event": name }` (inferred). */
export const getEvents: Operation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return toRows(await apiRequest.call(this, flexyKey, { method: 'GET', path: '/Webhooks/Events', idempotent: true }, item), 'event');
	},
};
