/**
 * FlexyKey units: `GET /Units` rows and `GET /Units/{unitId}`.
 */
import type { IDataObject } from 'n8n-workflow';
import { fieldValue, findObject, type Reading, textOf } from '../../shared/contract';

export interface UnitFields {
	unitId?: string;
	serialNumber?: string;
	name?: string;
	unitType?: string;
}

/** The fields the node uses of a unit row (the doc names `unitId` and `serialNumber`). */
export function unitFields(unit: IDataObject): UnitFields {
	return {
		unitId: textOf(fieldValue(unit, ['unitId', 'id'])),
		// documented as a digit string that may start with 0: never read as a number
		serialNumber: textOf(fieldValue(unit, ['serialNumber', 'serial', 'serialNo'])),
		name: textOf(fieldValue(unit, ['name', 'unitName', 'displayName'])),
		// inferred: `unitType` (e.g. FlexyKey, EvvaAirKey)
		unitType: textOf(fieldValue(unit, ['unitType', 'type', 'model', 'unitModel'])),
	};
}

/** `GET /Units/{unitId}`: one unit (inferred: the unit object itself). */
export function readUnit(body: unknown): Reading<IDataObject> {
	return findObject(body, ['unitId', 'serialNumber']);
}
