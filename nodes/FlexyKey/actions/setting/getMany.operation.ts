import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { unitField, unitIdOf } from '../../fields/unit';
import { listRows } from '../../contract';
import { flexyKey } from '../../transport';

const show = { resource: ['setting'], operation: ['getMany'] };

/** `GET /UnitSettings?unitId=…`: the unit's approved setting rows, one item each. */
export const getMany: Operation = {
	concurrent: true,
	properties: [unitField(show)],
	async run(item) {
		const unitId = await unitIdOf(this, item);
		return listRows(this.getNode(), 'settings', await apiRequest.call(this, flexyKey, { method: 'GET', path: '/UnitSettings', qs: { unitId }, idempotent: true }, item), item.index);
	},
};
