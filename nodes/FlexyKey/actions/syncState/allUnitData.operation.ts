import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { unitField, unitIdOf } from '../../fields/unit';
import { postTool, syncStateField, syncStateValue } from './state';

const show = { resource: ['syncState'], operation: ['allUnitData'] };

export const allUnitData: Operation = {
	properties: [unitField(show), syncStateField(show)] as INodeProperties[],
	async run(item) {
		const unitSyncState = syncStateValue(this, item);
		const unitId = await unitIdOf(this, item);
		return postTool(this, item, '/Tools/AllUnitDataSyncState', { unitId, unitSyncState });
	},
};
