import { unitField, unitIdOf } from '../../fields/unit';
import { pushChanges as push } from '../../sync-wait';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const pushChanges: FlexyKeyOperation = {
	properties: showFor('sync', 'pushChanges', [
		{
			...unitField(),
			hint: 'Sends pending ID entry and setting changes to the unit. Returns at once; follow it with Get Status, or use Push Changes and Wait.',
		},
	]),
	async run(item) {
		const unitId = await unitIdOf(this, item);
		return push(this, item, unitId);
	},
};
