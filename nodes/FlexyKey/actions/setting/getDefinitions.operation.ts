import { listRows } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';

/** `GET /UnitSettings/Definitions`: the approved settings and their input rules, one item each. */
export const getDefinitions: FlexyKeyOperation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return listRows(this.getNode(), 'settingDefinitions', await flexyKeyApi(this, item).get('/UnitSettings/Definitions'), item.index);
	},
};
