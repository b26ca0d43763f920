import { toRows } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';

/** `GET /UnitSettings/Definitions`: the approved settings and their input rules, one item each. */
export const getDefinitions: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(_item, ctx) {
		return toRows(await ctx.flexyKey.get('/UnitSettings/Definitions'));
	},
};
