import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { assertOrdered, dateTimeParameter } from '../../fields/time';
import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';
import { listRows } from '../../contract';
import { flexyKey } from '../../transport';
import { bookingObjectIdParameter, bookingObjectOption, periodFields } from './fields';

const show = { resource: ['booking'], operation: ['getMany'] };

/** `GET /Bookings?bookingObjectId=…&from=…&to=…` (inferred): bookings of one object overlapping the range. */
export const getMany: Operation = {
	concurrent: true,
	properties: [bookingObjectOption({ required: true, displayOptions: { show } }), ...periodFields(show, 'range'), ...returnAllFields(show)] as INodeProperties[],
	async run(item) {
		const bookingObjectId = bookingObjectIdParameter(this, item, this.getNodeParameter('bookingObjectId', item.index, ''));
		const from = dateTimeParameter(this, item, 'From', this.getNodeParameter('from', item.index, ''), { required: true })!;
		const to = dateTimeParameter(this, item, 'To', this.getNodeParameter('to', item.index, ''), { required: true })!;
		assertOrdered(this, item, 'To', 'From', from, to);
		const limit = limitParameter(this, item);
		const qs = { bookingObjectId, from: from.iso, to: to.iso };
		return limitRows(listRows(this.getNode(), 'bookings', await apiRequest.call(this, flexyKey, { method: 'GET', path: '/Bookings', qs, idempotent: true }, item), item.index), limit);
	},
};
