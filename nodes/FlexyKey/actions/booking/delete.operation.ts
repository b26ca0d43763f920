import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { flexyKey } from '../../transport';
import { bookingIdField, bookingIdParameter } from './fields';

const show = { resource: ['booking'], operation: ['delete'] };

/** `DELETE /Bookings/{bookingId}` (inferred; 204 No Content, so the output says what was deleted). */
export const deleteBooking: Operation = {
	properties: [bookingIdField(show)],
	async run(item) {
		const bookingId = bookingIdParameter(this, item);
		const body = await apiRequest.call(this, flexyKey, { method: 'DELETE', path: `/Bookings/${bookingId}` }, item);
		// inferred: output { deleted: true, bookingId }; a body, if the API sends one, is kept
		return { ...(typeof body === 'object' && body !== null ? (body as IDataObject) : {}), deleted: true, bookingId };
	},
};
