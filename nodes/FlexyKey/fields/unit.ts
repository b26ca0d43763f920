/**
 * The unit picker every FlexyKey operation uses: from the account's unit list, by unit ID, or by
 * serial number (a digit string that may start with 0, so never a number).
 */
import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';
import type { ItemScope } from '../../shared/run-scope';
import { invalidInput } from '../../shared/validation';
import { listRows, unitFields } from '../contract';
import { flexyKeyApi } from '../transport';
import type { FieldSpec } from '../../shared/display';

export type UnitTarget = { unitId: number } | { serialNumber: string };

export function unitField(options: { serialNumber?: boolean } = { serialNumber: true }): FieldSpec {
	const property: FieldSpec = {
		displayName: 'Unit',
		name: 'unit',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The FlexyKey or Evva unit',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchUnits', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '3023',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A unit ID is a whole number' } }],
			},
			{
				displayName: 'By Serial Number',
				name: 'serialNumber',
				type: 'string',
				placeholder: '040530585131396',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A serial number is a string of digits' } }],
			},
		],
	};
	if (!options.serialNumber) property.modes = property.modes!.filter((mode) => mode.name !== 'serialNumber');
	return property;
}

/** The unit as the API wants it: `{unitId}` or `{serialNumber}`, checked locally first. */
export function unitTarget(ctx: IExecuteFunctions, item: ItemScope, parameter = 'unit'): UnitTarget {
	const locator = ctx.getNodeParameter(parameter, item.index) as INodeParameterResourceLocator | string | number;
	const mode = typeof locator === 'object' ? locator.mode : 'id';
	const raw = String(typeof locator === 'object' ? (locator.value ?? '') : locator).trim();
	if (raw === '') throw invalidInput(ctx, item, 'Unit', 'is required');
	if (!/^\d+$/.test(raw)) {
		throw invalidInput(ctx, item, 'Unit', `"${raw}" is not a ${mode === 'serialNumber' ? 'serial number' : 'unit ID'} (digits only)`);
	}
	if (mode === 'serialNumber') return { serialNumber: raw };
	return { unitId: Number(raw) };
}

/**
 * The numeric unit ID for endpoints that only take `unitId`: a serial number is looked up in
 * `GET /Units` (one read, only when the user picked "By Serial Number").
 */
export async function unitIdOf(ctx: IExecuteFunctions, item: ItemScope, parameter = 'unit'): Promise<number> {
	const target = unitTarget(ctx, item, parameter);
	if ('unitId' in target) return target.unitId;
	const units = listRows(ctx.getNode(), 'units', await flexyKeyApi(ctx, item).get('/Units'), item.index);
	const match = units.map(unitFields).find((unit) => unit.serialNumber === target.serialNumber);
	if (!match) throw invalidInput(ctx, item, 'Unit', `no unit with serial number ${target.serialNumber} is visible to this user`);
	return Number(match.unitId);
}
