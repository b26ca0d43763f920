import { listRows } from '../../contract';
import type { FlexyKeyOperation } from '../../transport';

/** `GET /Webhooks/Events`: one item per supported event; a bare event name becomes `{ "event": name }` (inferred). */
export const getEvents: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(item, ctx) {
		return listRows(this.getNode(), 'webhookEvents', await ctx.flexyKey.get('/Webhooks/Events'), item.index, 'event');
	},
};
