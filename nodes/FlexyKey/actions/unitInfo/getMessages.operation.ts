import { unitField, unitIdOf } from '../../fields/unit';
import { integerParameter } from '../../../shared/validation';
import { listRows } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { filtersCollection, showFor } from '../../../shared/display';

/** The doc: "Maximum limit is 100". */
export const MAX_MESSAGES = 100;

/** `GET /UnitMessages`: the unit's latest approved answers, newest first, one item per message. */
export const getMessages: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('unitInfo', 'getMessages', [
		unitField(),
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_MESSAGES },
			default: 50,
			description: 'Max number of results to return',
			hint: 'Newest first; at most 100 (the API\'s maximum)',
		},
		filtersCollection([
			{
				displayName: 'Command Type Name or ID',
				name: 'typeName',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUnitInfoTypes' },
				default: '',
				description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			},
		]),
	]),
	async run(item) {
		const limit = integerParameter(this, item, 'Limit', this.getNodeParameter('limit', item.index), { min: 1, max: MAX_MESSAGES });
		const filters = this.getNodeParameter('filters', item.index, {}) as { typeName?: string };
		const unitId = await unitIdOf(this, item);
		const qs = { unitId, typeName: filters.typeName?.trim() || undefined, limit };
		const messages = await flexyKeyApi(this, item).get('/UnitMessages', qs);
		return listRows(this.getNode(), 'unitMessages', messages, item.index);
	},
};
