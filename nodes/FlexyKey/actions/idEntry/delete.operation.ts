import { unitField, unitIdOf } from '../../fields/unit';
import { entryIdField } from '../../fields/entry';
import { entryIdParameter } from '../../entries/rules';
import { markEntryDeleted } from '../../entries/write';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const deleteEntry: FlexyKeyOperation = {
	properties: showFor('idEntry', 'delete', [
		unitField(),
		entryIdField('ID of the ID entry to mark for deletion', { hint: 'The entry is only marked on the server: it leaves the unit at the next Push Changes' }),
	]),
	async run(item) {
		const entryId = entryIdParameter(this, item, this.getNodeParameter('entryId', item.index));
		const unitId = await unitIdOf(this, item);
		return markEntryDeleted(this, item, unitId, entryId);
	},
};
