/**
 * FlexyKey bookings: the booking a `GET`/`POST`/`PUT /Bookings…` answers with, and booking-object rows.
 */
import type { IDataObject } from 'n8n-workflow';
import { fieldValue, findObject, type Reading, textOf } from '../../shared/contract';

/**
 * The booking a `GET`, `POST` or `PUT /Bookings…` answered with (inferred: the booking itself; also
 * accepted one level down, e.g. `{ status, booking: { … } }`, in an envelope, or a one-row list).
 */
export function readBooking(body: unknown): Reading<IDataObject> {
	return findObject(body, ['bookingId']);
}

export interface BookingObjectFields {
	bookingObjectId?: string;
	name?: string;
	description?: string;
}

export function bookingObjectFields(row: IDataObject): BookingObjectFields {
	return {
		bookingObjectId: textOf(fieldValue(row, ['bookingObjectId', 'objectId', 'id'])),
		name: textOf(fieldValue(row, ['name', 'objectName', 'bookingObjectName', 'title', 'displayName'])),
		description: textOf(fieldValue(row, ['description'])),
	};
}
