import { listRows } from '../../contract';
import type { FlexyKeyOperation } from '../../transport';

/** `GET /BookingObjects` (inferred path): the bookable objects of the user's company, one item each. */
export const getObjects: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(item, ctx) {
		return listRows(this.getNode(), 'bookingObjects', await ctx.flexyKey.get('/BookingObjects'), item.index);
	},
};
