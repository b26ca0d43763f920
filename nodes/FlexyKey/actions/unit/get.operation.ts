import { invalidInput } from '../../../shared/validation';
import { unitField, unitTarget } from '../../fields/unit';
import { valueOr } from '../../../shared/contract';
import { listRows, readUnit, unitFields } from '../../contract';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** `GET /Units/{unitId}` (inferred path): one unit with its relays, inputs, expansions, sensors and counters. */
export const get: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('unit', 'get', [unitField()]),
	async run(item) {
		const target = unitTarget(this, item);
		if ('unitId' in target) {
			// the unit itself, as the serial-number path gives it, whatever envelope the server puts around it
			const answer = await flexyKeyApi(this, item).get(`/Units/${target.unitId}`);
			return valueOr(readUnit(answer), answer);
		}
		// The single-unit endpoint takes only the ID; the list has the same unit objects, so one read answers.
		const units = listRows(this.getNode(), 'units', await flexyKeyApi(this, item).get('/Units'), item.index);
		const match = units.find((unit) => unitFields(unit).serialNumber === target.serialNumber);
		if (!match) throw invalidInput(this, item, 'Unit', `no unit with serial number ${target.serialNumber} is visible to this user`);
		return match;
	},
};
