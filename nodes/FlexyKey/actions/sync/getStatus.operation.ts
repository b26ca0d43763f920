import { unitField, unitIdOf } from '../../fields/unit';
import { readStatus } from '../../sync-wait';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const getStatus: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('sync', 'getStatus', [
		{
			...unitField(),
			hint: 'The API caches this status for about 2 seconds (`isCached` tells). "No active unit programming" means no sync is running.',
		},
	]),
	async run(item) {
		const unitId = await unitIdOf(this, item);
		return readStatus(this, item, unitId);
	},
};
