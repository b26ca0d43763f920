import type { INodeProperties } from 'n8n-workflow';
import { unitField, unitIdOf } from '../../fields/unit';
import { postTool, syncStateField, syncStateValue } from './state';
import type { FlexyKeyOperation } from '../../transport';

const show = { resource: ['syncState'], operation: ['allUnitData'] };

export const allUnitData: FlexyKeyOperation = {
	properties: [unitField(show), syncStateField(show)] as INodeProperties[],
	async run(item) {
		const unitSyncState = syncStateValue(this, item);
		const unitId = await unitIdOf(this, item);
		return postTool(this, item, '/Tools/AllUnitDataSyncState', { unitId, unitSyncState });
	},
};
