import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { apiRequest } from '../../shared/transport';
import { listRows, unitFields } from '../contract';
import { flexyKey } from '../transport';

/** Units visible to the credential's user, filtered by name, ID or serial number. */
export async function searchUnits(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const units = await apiRequest.call(this, flexyKey, { method: 'GET', path: '/Units', idempotent: true });
	const needle = (filter ?? '').trim().toLowerCase();
	const results = listRows(this.getNode(), 'units', units)
		.map(unitFields)
		.filter((unit) => unit.unitId !== undefined && (!needle || [unit.name, unit.unitId, unit.serialNumber].some((value) => String(value ?? '').toLowerCase().includes(needle))))
		.map((unit) => ({
			name: `${unit.name ?? 'Unit'} (${unit.unitId}${unit.unitType ? `, ${unit.unitType}` : ''})`,
			value: String(unit.unitId),
		}));
	return { results };
}
