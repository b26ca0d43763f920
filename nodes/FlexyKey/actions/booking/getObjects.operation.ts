import { toRows } from '../../../shared/paging';
import type { FlexyKeyOperation } from '../../transport';

/** `GET /BookingObjects` (inferred path): the bookable objects of the user's company, one item each. */
export const getObjects: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(_item, ctx) {
		return toRows(await ctx.flexyKey.get('/BookingObjects'));
	},
};
