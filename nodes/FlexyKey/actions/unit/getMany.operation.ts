import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';
import { listRows } from '../../contract';
import { flexyKey } from '../../transport';

const show = { resource: ['unit'], operation: ['getMany'] };

/** `GET /Units`: every unit the user's company owns, IO included as the API gives it. */
export const getMany: Operation = {
	concurrent: true,
	properties: [...returnAllFields(show)],
	async run(item) {
		const limit = limitParameter(this, item);
		const units = await apiRequest.call(this, flexyKey, { method: 'GET', path: '/Units', idempotent: true }, item);
		return limitRows(listRows(this.getNode(), 'units', units, item.index), limit);
	},
};
