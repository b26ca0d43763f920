import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { fetchEntryPage, MAX_PAGE_SIZE, walkEntries } from '../../entries/rules';
import { returnAllFields } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('idEntry', 'getMany', [
		unitField(),
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: '+4670',
			description: 'Partial text matched against ID number, name, description and action. Leave empty for every entry of the unit.',
		},
		...returnAllFields({ max: MAX_PAGE_SIZE }),
		{
			displayName: 'Offset',
			name: 'offset',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Number of matching entries to skip (the second page of 50 starts at 50)',
			hint: 'With Return All on, the node walks the pages itself',
			displayOptions: { show: { returnAll: [false] } },
		},
	]),
	async run(item) {
		const search = String(this.getNodeParameter('search', item.index, '') ?? '').trim() || undefined;
		const returnAll = this.getNodeParameter('returnAll', item.index, false) as boolean;
		if (returnAll) {
			const unitId = await unitIdOf(this, item);
			return walkEntries(this, item, { unitId, search });
		}
		const limit = Number(this.getNodeParameter('limit', item.index, 50));
		const offset = Number(this.getNodeParameter('offset', item.index, 0));
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw invalidInput(this, item, 'Limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
		if (!Number.isInteger(offset) || offset < 0) throw invalidInput(this, item, 'Offset', 'must be a whole number, 0 or more');
		const unitId = await unitIdOf(this, item);
		return (await fetchEntryPage(this, item, { unitId, search, limit, offset })).rows;
	},
};
