import { unitField, unitIdOf } from '../../fields/unit';
import { listRows } from '../../contract';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** `GET /UnitSettings?unitId=…`: the unit's approved setting rows, one item each. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('setting', 'getMany', [unitField()]),
	async run(item, ctx) {
		const unitId = await unitIdOf(this, item);
		return listRows(this.getNode(), 'settings', await ctx.flexyKey.get('/UnitSettings', { unitId }), item.index);
	},
};
