import type { FlexyKeyOperation } from '../../transport';

/** `GET /RequestUnitInfoTypes`: the public command catalog (approved types and profiles), as one item. */
export const getTypes: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(_item, ctx) {
		return ctx.flexyKey.get('/RequestUnitInfoTypes');
	},
};
