import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { invalidInput } from '../../../shared/validation';
import { unitField, unitTarget } from '../../fields/unit';
import { listRows, unitFields } from '../../contract';
import { flexyKey } from '../../transport';

const show = { resource: ['unit'], operation: ['get'] };

/** `GET /Units/{unitId}` (inferred path): one unit with its relays, inputs, expansions, sensors and counters. */
export const get: Operation = {
	concurrent: true,
	properties: [unitField(show)],
	async run(item) {
		const target = unitTarget(this, item);
		if ('unitId' in target) {
			return apiRequest.call(this, flexyKey, { method: 'GET', path: `/Units/${target.unitId}`, idempotent: true }, item) as Promise<IDataObject>;
		}
		// The single-unit endpoint takes only the ID; the list has the same unit objects, so one read answers.
		const units = listRows(this.getNode(), 'units', await apiRequest.call(this, flexyKey, { method: 'GET', path: '/Units', idempotent: true }, item), item.index);
		const match = units.find((unit) => unitFields(unit).serialNumber === target.serialNumber);
		if (!match) throw invalidInput(this, item, 'Unit', `no unit with serial number ${target.serialNumber} is visible to this user`);
		return match;
	},
};
