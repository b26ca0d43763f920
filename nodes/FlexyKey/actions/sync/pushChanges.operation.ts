import type { INodeProperties } from 'n8n-workflow';
import { unitField, unitIdOf } from '../../fields/unit';
import { pushChanges as push } from './wait';
import type { FlexyKeyOperation } from '../../transport';

const show = { resource: ['sync'], operation: ['pushChanges'] };

export const pushChanges: FlexyKeyOperation = {
	properties: [
		{
			...unitField(show),
			hint: 'Sends pending ID entry and setting changes to the unit. Returns at once; follow it with Get Status, or use Push Changes and Wait.',
		},
	] as INodeProperties[],
	async run(item) {
		const unitId = await unitIdOf(this, item);
		return push(this, item, unitId);
	},
};
