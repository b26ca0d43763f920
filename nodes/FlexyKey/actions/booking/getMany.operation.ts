import { assertOrdered, dateTimeParameter } from '../../fields/time';
import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';
import { listRows } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { bookingObjectIdParameter, bookingObjectOption, periodFields } from './fields';
import { showFor } from '../../../shared/display';

/** `GET /Bookings?bookingObjectId=…&from=…&to=…` (inferred): bookings of one object overlapping the range. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('booking', 'getMany', [bookingObjectOption({ required: true }), ...periodFields('range'), ...returnAllFields()]),
	async run(item) {
		const bookingObjectId = bookingObjectIdParameter(this, item, this.getNodeParameter('bookingObjectId', item.index, ''));
		const from = dateTimeParameter(this, item, 'From', this.getNodeParameter('from', item.index, ''), { required: true })!;
		const to = dateTimeParameter(this, item, 'To', this.getNodeParameter('to', item.index, ''), { required: true })!;
		assertOrdered(this, item, 'To', 'From', from, to);
		const limit = limitParameter(this, item);
		const qs = { bookingObjectId, from: from.iso, to: to.iso };
		return limitRows(listRows(this.getNode(), 'bookings', await flexyKeyApi(this, item).get('/Bookings', qs), item.index), limit);
	},
};
