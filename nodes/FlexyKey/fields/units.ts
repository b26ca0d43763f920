/**
 * The several-units picker of the FlexyKey polling triggers: each unit from the list, by ID or by
 * serial number (the same modes as the single-unit picker), read in a poll.
 */
import type { IDataObject, INodeParameterResourceLocator, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { apiRequest } from '../../shared/transport';
import { listRows, unitFields } from '../contract';
import { flexyKey } from '../transport';
import { unitField, type UnitTarget } from './unit';

export interface PolledUnit {
	target: UnitTarget;
	/** Stable name of the unit's cursor in static data: `unit:3023` or `serial:040530585131396`. */
	key: string;
}

export function unitsField(description: string): INodeProperties {
	return {
		displayName: 'Units',
		name: 'units',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Unit',
		required: true,
		default: {},
		description,
		options: [{ displayName: 'Unit', name: 'unit', values: [{ ...unitField({}), displayOptions: undefined, description: 'A FlexyKey unit' }] }],
	};
}

/** The chosen units, each checked locally; an error names the field before any request. */
export function polledUnits(ctx: IPollFunctions): PolledUnit[] {
	const collection = ctx.getNodeParameter('units', {}) as { unit?: Array<{ unit?: INodeParameterResourceLocator | string }> };
	const rows = collection.unit ?? [];
	if (rows.length === 0) throw new NodeOperationError(ctx.getNode(), 'Units: add at least one unit');
	const units = rows.map((row, index) => {
		const locator = row.unit ?? '';
		const mode = typeof locator === 'object' ? locator.mode : 'id';
		const raw = String(typeof locator === 'object' ? (locator.value ?? '') : locator).trim();
		if (!/^\d+$/.test(raw)) {
			const what = mode === 'serialNumber' ? 'serial number' : 'unit ID';
			throw new NodeOperationError(ctx.getNode(), `Units: unit ${index + 1} ${raw === '' ? 'is empty' : `"${raw}" is not a ${what} (digits only)`}`);
		}
		return mode === 'serialNumber'
			? { target: { serialNumber: raw }, key: `serial:${raw}` }
			: { target: { unitId: Number(raw) }, key: `unit:${Number(raw)}` };
	});
	return units.filter((unit, index) => units.findIndex((other) => other.key === unit.key) === index);
}

/** Unit IDs for endpoints that take only `unitId`; serial numbers cost one `GET /Units` per poll. */
export function unitIdResolver(ctx: IPollFunctions): (target: UnitTarget) => Promise<number> {
	let units: Promise<IDataObject[]> | undefined;
	return async (target) => {
		if ('unitId' in target) return target.unitId;
		units ??= apiRequest.call(ctx, flexyKey, { method: 'GET', path: '/Units', idempotent: true }).then((body: unknown) => listRows(ctx.getNode(), 'units', body));
		const match = (await units).map(unitFields).find((unit) => unit.serialNumber === target.serialNumber);
		if (!match) throw new NodeOperationError(ctx.getNode(), `Units: no unit with serial number ${target.serialNumber} is visible to this user`);
		return Number(match.unitId);
	};
}
