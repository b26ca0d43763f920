import { unitField, unitIdOf } from '../../fields/unit';
import { listRows } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { filtersCollection, showFor } from '../../../shared/display';

/** `GET /Webhooks?unitId=…[&event=…]`: the unit's webhook configurations, one item each. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('webhook', 'getMany', [
		unitField(),
		filtersCollection([
			{
				displayName: 'Event Name or ID',
				name: 'event',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getWebhookEvents' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		]),
	]),
	async run(item) {
		const filters = this.getNodeParameter('filters', item.index, {}) as { event?: string };
		const unitId = await unitIdOf(this, item);
		const qs = { unitId, event: filters.event?.trim() || undefined };
		return listRows(this.getNode(), 'webhooks', await flexyKeyApi(this, item).get('/Webhooks', qs), item.index);
	},
};
