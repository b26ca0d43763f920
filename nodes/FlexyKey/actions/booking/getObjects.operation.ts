import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { listRows } from '../../contract';
import { flexyKey } from '../../transport';

/** `GET /BookingObjects` (inferred path): the bookable objects of the user's company, one item each. */
export const getObjects: Operation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return listRows(this.getNode(), 'bookingObjects', await apiRequest.call(this, flexyKey, { method: 'GET', path: '/BookingObjects', idempotent: true }, item), item.index);
	},
};
