import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';
import { listRows } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** `GET /Units`: every unit the user's company owns, IO included as the API gives it. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('unit', 'getMany', [...returnAllFields()]),
	async run(item) {
		const limit = limitParameter(this, item);
		const units = await flexyKeyApi(this, item).get('/Units');
		return limitRows(listRows(this.getNode(), 'units', units, item.index), limit);
	},
};
