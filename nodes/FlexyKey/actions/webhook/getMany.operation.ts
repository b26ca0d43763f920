import type { INodeProperties } from 'n8n-workflow';
import { unitField, unitIdOf } from '../../fields/unit';
import { toRows } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';

const show = { resource: ['webhook'], operation: ['getMany'] };

/** `GET /Webhooks?unitId=…[&event=…]`: the unit's webhook configurations, one item each. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: [
		unitField(show),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Event Name or ID',
					name: 'event',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getWebhookEvents' },
					default: '',
					description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			],
		},
	] as INodeProperties[],
	async run(item, ctx) {
		const filters = this.getNodeParameter('filters', item.index, {}) as { event?: string };
		const unitId = await unitIdOf(this, item);
		const qs = { unitId, event: filters.event?.trim() || undefined };
		return toRows(await ctx.flexyKey.get('/Webhooks', qs));
	},
};
