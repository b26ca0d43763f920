import { unitField, unitIdOf } from '../../fields/unit';
import { entryIdField } from '../../fields/entry';
import { entryIdParameter } from '../../entries/rules';
import { appliesToOne, postTool, syncStateField, syncStateValue } from './state';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const idEntries: FlexyKeyOperation = {
	properties: showFor('syncState', 'idEntries', [
		unitField(),
		{
			displayName: 'Apply To',
			name: 'syncStateScope',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All ID Entries of the Unit', value: 'all' },
				{ name: 'One ID Entry', value: 'one' },
			],
		},
		entryIdField('ID of the ID entry, as Get Many, Create or Grant Access return it', { displayOptions: { show: { syncStateScope: ['one'] } } }),
		syncStateField(),
	]),
	async run(item) {
		const unitSyncState = syncStateValue(this, item);
		const id = appliesToOne(this, item) ? entryIdParameter(this, item, this.getNodeParameter('entryId', item.index)) : undefined;
		const unitId = await unitIdOf(this, item);
		return postTool(this, item, '/Tools/IdEntriesSyncState', id === undefined ? { unitId, unitSyncState } : { unitId, unitSyncState, id });
	},
};
