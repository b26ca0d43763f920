import { listRows } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';

/** `GET /BookingObjects` (inferred path): the bookable objects of the user's company, one item each. */
export const getObjects: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return listRows(this.getNode(), 'bookingObjects', await flexyKeyApi(this, item).get('/BookingObjects'), item.index);
	},
};
