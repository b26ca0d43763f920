import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { flexyKey } from '../../transport';
import { bookingIdField, bookingIdParameter } from './fields';

const show = { resource: ['booking'], operation: ['get'] };

/** `GET /Bookings/{bookingId}` (inferred). */
export const get: Operation = {
	concurrent: true,
	properties: [bookingIdField(show)],
	async run(item) {
		const bookingId = bookingIdParameter(this, item);
		return apiRequest.call(this, flexyKey, { method: 'GET', path: `/Bookings/${bookingId}`, idempotent: true }, item) as Promise<IDataObject>;
	},
};
