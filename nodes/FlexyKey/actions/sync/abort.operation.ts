import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { unitField, unitIdOf } from '../../fields/unit';
import { callFlexyKey } from '../idEntry/api';

const show = { resource: ['sync'], operation: ['abort'] };

export const abort: Operation = {
	properties: [
		{
			...unitField(show),
			hint: 'Stops the active sync and clears its pending packets. The changes stay pending on the server for the next push.',
		},
	] as INodeProperties[],
	async run(item) {
		const unitId = await unitIdOf(this, item);
		return callFlexyKey(this, item, { method: 'POST', path: '/UnitSync/Abort', body: { unitId } });
	},
};
