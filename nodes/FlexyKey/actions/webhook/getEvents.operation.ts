import { listRows } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';

/** `GET /Webhooks/Events`: one item per supported event; a bare event name becomes `{ "event": name }` (inferred). */
export const getEvents: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return listRows(this.getNode(), 'webhookEvents', await flexyKeyApi(this, item).get('/Webhooks/Events'), item.index, 'event');
	},
};
