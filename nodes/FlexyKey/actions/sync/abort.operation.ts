import type { INodeProperties } from 'n8n-workflow';
import { unitField, unitIdOf } from '../../fields/unit';
import type { FlexyKeyOperation } from '../../transport';

const show = { resource: ['sync'], operation: ['abort'] };

export const abort: FlexyKeyOperation = {
	properties: [
		{
			...unitField(show),
			hint: 'Stops the active sync and clears its pending packets. The changes stay pending on the server for the next push.',
		},
	] as INodeProperties[],
	async run(item, ctx) {
		const unitId = await unitIdOf(this, item);
		return ctx.flexyKey.post('/UnitSync/Abort', { unitId });
	},
};
