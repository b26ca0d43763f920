import { listRows } from '../../contract';
import type { FlexyKeyOperation } from '../../transport';

/** `GET /UnitSettings/Definitions`: the approved settings and their input rules, one item each. */
export const getDefinitions: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(item, ctx) {
		return listRows(this.getNode(), 'settingDefinitions', await ctx.flexyKey.get('/UnitSettings/Definitions'), item.index);
	},
};
