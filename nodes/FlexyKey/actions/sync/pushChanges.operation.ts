import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { unitField, unitIdOf } from '../../fields/unit';
import { pushChanges as push } from './wait';

const show = { resource: ['sync'], operation: ['pushChanges'] };

export const pushChanges: Operation = {
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
