import type { INodeProperties } from 'n8n-workflow';
import { unitField, unitIdOf } from '../../fields/unit';
import { readStatus } from './wait';
import type { FlexyKeyOperation } from '../../transport';

const show = { resource: ['sync'], operation: ['getStatus'] };

export const getStatus: FlexyKeyOperation = {
	concurrent: true,
	properties: [
		{
			...unitField(show),
			hint: 'The API caches this status for about 2 seconds (`isCached` tells). "No active unit programming" means no sync is running.',
		},
	] as INodeProperties[],
	async run(item) {
		const unitId = await unitIdOf(this, item);
		return readStatus(this, item, unitId);
	},
};
