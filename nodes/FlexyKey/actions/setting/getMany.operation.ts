import { unitField, unitIdOf } from '../../fields/unit';
import { listRows } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** `GET /UnitSettings?unitId=…`: the unit's approved setting rows, one item each. */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('setting', 'getMany', [unitField()]),
	async run(item) {
		const unitId = await unitIdOf(this, item);
		return listRows(this.getNode(), 'settings', await flexyKeyApi(this, item).get('/UnitSettings', { unitId }), item.index);
	},
};
