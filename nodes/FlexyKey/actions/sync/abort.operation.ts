import { unitField, unitIdOf } from '../../fields/unit';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const abort: FlexyKeyOperation = {
	properties: showFor('sync', 'abort', [
		{
			...unitField(),
			hint: 'Stops the active sync and clears its pending packets. The changes stay pending on the server for the next push.',
		},
	]),
	async run(item) {
		const unitId = await unitIdOf(this, item);
		return flexyKeyApi(this, item).post('/UnitSync/Abort', { unitId });
	},
};
