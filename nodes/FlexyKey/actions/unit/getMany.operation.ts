import { limitParameter, limitRows, returnAllFields, toRows } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';

const show = { resource: ['unit'], operation: ['getMany'] };

/** `GET /Units`: every unit the user's company owns, IO included as the API gives it. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: [...returnAllFields(show)],
	async run(item, ctx) {
		const limit = limitParameter(this, item);
		const units = await ctx.flexyKey.get('/Units');
		return limitRows(toRows(units), limit);
	},
};
