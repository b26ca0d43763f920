import { toRows } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';

/** `GET /Webhooks/Events`: one item per supported event; a bare event name becomes `{ "event": name }` (inferred). */
export const getEvents: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(_item, ctx) {
		return toRows(await ctx.flexyKey.get('/Webhooks/Events'), 'event');
	},
};
