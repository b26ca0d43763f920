import type { IDataObject } from 'n8n-workflow';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { bookingIdField, bookingIdParameter } from './fields';
import { showFor } from '../../../shared/display';

/** `DELETE /Bookings/{bookingId}` (inferred; 204 No Content, so the output says what was deleted). */
export const deleteBooking: FlexyKeyOperation = {
	properties: showFor('booking', 'delete', [bookingIdField()]),
	async run(item) {
		const bookingId = bookingIdParameter(this, item);
		const body = await flexyKeyApi(this, item).delete(`/Bookings/${bookingId}`);
		// inferred: output { deleted: true, bookingId }; a body, if the API sends one, is kept
		return { ...(typeof body === 'object' && body !== null ? (body as IDataObject) : {}), deleted: true, bookingId };
	},
};
