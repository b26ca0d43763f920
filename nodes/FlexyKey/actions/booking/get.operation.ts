import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { valueOr } from '../../../shared/contract';
import { readBooking } from '../../contract';
import { bookingIdField, bookingIdParameter } from './fields';
import { showFor } from '../../../shared/display';

/** `GET /Bookings/{bookingId}` (inferred). */
export const get: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('booking', 'get', [bookingIdField()]),
	async run(item) {
		const bookingId = bookingIdParameter(this, item);
		const answer = await flexyKeyApi(this, item).get(`/Bookings/${bookingId}`);
		return valueOr(readBooking(answer), answer);
	},
};
