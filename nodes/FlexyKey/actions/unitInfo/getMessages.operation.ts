import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { unitField, unitIdOf } from '../../fields/unit';
import { integerParameter } from '../../../shared/validation';
import { listRows } from '../../contract';
import { flexyKey } from '../../transport';

const show = { resource: ['unitInfo'], operation: ['getMessages'] };

/** The doc: "Maximum limit is 100". */
export const MAX_MESSAGES = 100;

/** `GET /UnitMessages`: the unit's latest approved answers, newest first, one item per message. */
export const getMessages: Operation = {
	concurrent: true,
	properties: [
		unitField(show),
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_MESSAGES },
			default: 50,
			description: 'Max number of results to return',
			hint: 'Newest first; at most 100 (the API\'s maximum)',
			displayOptions: { show },
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Command Type Name or ID',
					name: 'typeName',
					type: 'options',
					typeOptions: { loadOptionsMethod: 'getUnitInfoTypes' },
					default: '',
					description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				},
			],
		},
	] as INodeProperties[],
	async run(item) {
		const limit = integerParameter(this, item, 'Limit', this.getNodeParameter('limit', item.index), { min: 1, max: MAX_MESSAGES });
		const filters = this.getNodeParameter('filters', item.index, {}) as { typeName?: string };
		const unitId = await unitIdOf(this, item);
		const qs = { unitId, typeName: filters.typeName?.trim() || undefined, limit };
		const messages = await apiRequest.call(this, flexyKey, { method: 'GET', path: '/UnitMessages', qs, idempotent: true }, item);
		return listRows(this.getNode(), 'unitMessages', messages, item.index);
	},
};
