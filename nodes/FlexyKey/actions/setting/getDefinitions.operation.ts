import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { listRows } from '../../contract';
import { flexyKey } from '../../transport';

/** `GET /UnitSettings/Definitions`: the approved settings and their input rules, one item each. */
export const getDefinitions: Operation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return listRows(this.getNode(), 'settingDefinitions', await apiRequest.call(this, flexyKey, { method: 'GET', path: '/UnitSettings/Definitions', idempotent: true }, item), item.index);
	},
};
