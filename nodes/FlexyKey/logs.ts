/**
 * What Log → Get Many and the Log Trigger share: logs exist for FlexyKey units only ("Evva logs are not
 * available"), and a 400 from `GET /Logs` for an Evva unit is explained instead of passed on. Decided on
 * the API's answer rather than a lookup before every call: only a 400 costs a unit read.
 */
import { NodeApiError } from 'n8n-workflow';
import type { ServiceClient } from '../shared/client';
import { readUnit, unitFields } from './contract';

/**
 * The unit's type if a `GET /Units/{unitId}` answer shows an Evva unit, else undefined.
 * inferred: an Evva unit's `unitType` contains "Evva" or "AirKey" (e.g. `EvvaAirKey`).
 */
export function evvaUnitType(unitAnswer: unknown): string | undefined {
	const unit = readUnit(unitAnswer);
	const unitType = unit.ok ? unitFields(unit.value).unitType : undefined;
	return unitType && /evva|airkey/i.test(unitType) ? unitType : undefined;
}

/** The Evva unit type behind a failed `GET /Logs`, when the failure is a 400 and the unit an Evva unit. */
export async function evvaUnitBehind(client: ServiceClient, unitId: number, error: unknown): Promise<string | undefined> {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return undefined;
	return evvaUnitType(await client.get(`/Units/${unitId}`).catch(() => undefined));
}
