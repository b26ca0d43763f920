import type { FlexyKeyOperation } from '../../transport';
import { bookingIdField, bookingIdParameter } from './fields';

const show = { resource: ['booking'], operation: ['get'] };

/** `GET /Bookings/{bookingId}` (inferred). */
export const get: FlexyKeyOperation = {
	concurrent: true,
	properties: [bookingIdField(show)],
	async run(item, ctx) {
		const bookingId = bookingIdParameter(this, item);
		return ctx.flexyKey.get(`/Bookings/${bookingId}`);
	},
};
