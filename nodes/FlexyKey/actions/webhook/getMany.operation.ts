import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { unitField, unitIdOf } from '../../fields/unit';
import { listRows } from '../../contract';
import { flexyKey } from '../../transport';

const show = { resource: ['webhook'], operation: ['getMany'] };

/** `GET /Webhooks?unitId=…[&event=…]`: the unit's webhook configurations, one item each. */
export const getMany: Operation = {
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
	async run(item) {
		const filters = this.getNodeParameter('filters', item.index, {}) as { event?: string };
		const unitId = await unitIdOf(this, item);
		const qs = { unitId, event: filters.event?.trim() || undefined };
		return listRows(this.getNode(), 'webhooks', await apiRequest.call(this, flexyKey, { method: 'GET', path: '/Webhooks', qs, idempotent: true }, item), item.index);
	},
};
