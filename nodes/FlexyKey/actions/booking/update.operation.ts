import type { IDataObject } from 'n8n-workflow';
import { invalidInput } from '../../../shared/validation';
import { assertOrdered, dateTimeParameter } from '../../fields/time';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { valueOr } from '../../../shared/contract';
import { readBooking } from '../../contract';
import { bookingExtraFields, bookingExtraFieldsOption, bookingIdField, bookingIdParameter, bookingObjectIdParameter, bookingObjectOption } from './fields';
import { showFor, updateFields } from '../../../shared/display';

interface UpdateFields {
	bookingObjectId?: unknown;
	from?: unknown;
	to?: unknown;
	name?: string;
	description?: string;
	customFields?: unknown;
}

/** `PUT /Bookings/{bookingId}` (inferred): sends only the fields given; the API keeps the others (inferred). */
export const update: FlexyKeyOperation = {
	properties: showFor('booking', 'update', [
		bookingIdField(),
		updateFields([
			bookingObjectOption(),
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Free text about the booking' },
			bookingExtraFieldsOption(),
			{ displayName: 'From', name: 'from', type: 'dateTime', default: '', description: 'New start (ISO 8601)' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Who or what the booking is for' },
			{ displayName: 'To', name: 'to', type: 'dateTime', default: '', description: 'New end (ISO 8601), after From' },
		]),
	]),
	async run(item) {
		const bookingId = bookingIdParameter(this, item);
		const fields = this.getNodeParameter('updateFields', item.index, {}) as UpdateFields;
		const body: IDataObject = { ...bookingExtraFields(this, item, fields.customFields) };
		if (fields.bookingObjectId !== undefined && fields.bookingObjectId !== '') {
			body.bookingObjectId = bookingObjectIdParameter(this, item, fields.bookingObjectId);
		}
		const from = dateTimeParameter(this, item, 'From', fields.from, { required: false });
		const to = dateTimeParameter(this, item, 'To', fields.to, { required: false });
		// With only one end given the other is the stored one, which the API checks.
		assertOrdered(this, item, 'To', 'From', from, to);
		if (from) body.fromIso = from.iso;
		if (to) body.toIso = to.iso;
		if (fields.name) body.name = fields.name;
		if (fields.description) body.description = fields.description;
		if (Object.keys(body).length === 0) throw invalidInput(this, item, 'Update Fields', 'add at least one field to change');
		const answer = await flexyKeyApi(this, item).put(`/Bookings/${bookingId}`, body);
		return valueOr(readBooking(answer), answer);
	},
};
