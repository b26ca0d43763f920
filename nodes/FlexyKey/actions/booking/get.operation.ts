import type { FlexyKeyOperation } from '../../transport';
import { bookingIdField, bookingIdParameter } from './fields';
import { showFor } from '../../../shared/display';

/** `GET /Bookings/{bookingId}` (inferred). */
export const get: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('booking', 'get', [bookingIdField()]),
	async run(item, ctx) {
		const bookingId = bookingIdParameter(this, item);
		return ctx.flexyKey.get(`/Bookings/${bookingId}`);
	},
};
