import { unitField, unitIdOf } from '../../fields/unit';
import { toRows } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** `GET /UnitSettings?unitId=…`: the unit's approved setting rows, one item each. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('setting', 'getMany', [unitField()]),
	async run(item, ctx) {
		const unitId = await unitIdOf(this, item);
		return toRows(await ctx.flexyKey.get('/UnitSettings', { unitId }));
	},
};
