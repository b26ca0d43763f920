import { unitField, unitIdOf } from '../../fields/unit';
import { toRows } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';

const show = { resource: ['setting'], operation: ['getMany'] };

/** `GET /UnitSettings?unitId=…`: the unit's approved setting rows, one item each. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: [unitField(show)],
	async run(item, ctx) {
		const unitId = await unitIdOf(this, item);
		return toRows(await ctx.flexyKey.get('/UnitSettings', { unitId }));
	},
};
