import type { IDataObject } from 'n8n-workflow';
import { assertOrdered, dateTimeParameter } from '../../fields/time';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { valueOr } from '../../../shared/contract';
import { readBooking } from '../../contract';
import { bookingExtraFields, bookingExtraFieldsOption, bookingObjectIdParameter, bookingObjectOption, periodFields } from './fields';
import { additionalFields, showFor } from '../../../shared/display';

/** `POST /Bookings` (inferred): books an object for a period; the answer carries the new bookingId. */
export const create: FlexyKeyOperation = {
	properties: showFor('booking', 'create', [
		bookingObjectOption({ required: true }),
		...periodFields('booking'),
		additionalFields([
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Free text about the booking' },
			bookingExtraFieldsOption(),
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Who or what the booking is for, e.g. the guest\'s name' },
		]),
	]),
	async run(item) {
		const bookingObjectId = bookingObjectIdParameter(this, item, this.getNodeParameter('bookingObjectId', item.index, ''));
		const from = dateTimeParameter(this, item, 'From', this.getNodeParameter('from', item.index, ''), { required: true })!;
		const to = dateTimeParameter(this, item, 'To', this.getNodeParameter('to', item.index, ''), { required: true })!;
		assertOrdered(this, item, 'To', 'From', from, to);
		const additional = this.getNodeParameter('additionalFields', item.index, {}) as { name?: string; description?: string; customFields?: unknown };
		const body: IDataObject = { ...bookingExtraFields(this, item, additional.customFields), bookingObjectId, fromIso: from.iso, toIso: to.iso };
		if (additional.name) body.name = additional.name;
		if (additional.description) body.description = additional.description;
		const answer = await flexyKeyApi(this, item).post('/Bookings', body);
		// The booking the server answered with, wherever it put it; the answer as it came when none is found.
		return valueOr(readBooking(answer), answer);
	},
};
