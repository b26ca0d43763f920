import { unitField, unitIdOf } from '../../fields/unit';
import { postTool, syncStateField, syncStateValue } from './state';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const allUnitData: FlexyKeyOperation = {
	properties: showFor('syncState', 'allUnitData', [unitField(), syncStateField()]),
	async run(item) {
		const unitSyncState = syncStateValue(this, item);
		const unitId = await unitIdOf(this, item);
		return postTool(this, item, '/Tools/AllUnitDataSyncState', { unitId, unitSyncState });
	},
};
