/** `GET /UnitSettings/Definitions`, `GET /UnitSettings`, `PUT /UnitSettings` (one setting at a time). */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit, requiredQueryInt } from '../access';
import { findSettingDefinition, settingDefinitions, type SettingDefinition } from '../catalog';
import { badRequest } from '../errors';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';
import { parseBody, putSettingSchema } from '../schemas';
import { isoUtc } from '../time';
import type { UnitSetting } from '../types';

// inferred: sensitive values (WifiPassword) are never read back
export const MASK = '********';

export function settingView(row: UnitSetting) {
	const sensitive = findSettingDefinition(row.setting)?.sensitive ?? false;
	return {
		unitId: row.unitId,
		setting: row.setting,
		params: row.params,
		value: sensitive ? MASK : row.value,
		unitSyncState: row.unitSyncState,
		updatedIso: row.updatedIso,
	};
}

function checkParams(definition: SettingDefinition, params: string | null | undefined): string | null {
	const rule = definition.params;
	if (!rule) {
		if (params !== undefined && params !== null && params !== '') throw badRequest(`params is not used by setting ${definition.setting}`);
		return null;
	}
	if (params === undefined || params === null || params === '') {
		if (rule.required) throw badRequest(`params is required for setting ${definition.setting} (${rule.name}: ${rule.allowedValues.join(', ')})`);
		return null;
	}
	if (!rule.allowedValues.includes(params)) throw badRequest(`params must be one of ${rule.allowedValues.join(', ')} for setting ${definition.setting}`);
	return params;
}

/** The value as stored (a string), after the definition's rules. */
function checkValue(definition: SettingDefinition, value: string | number): string {
	if (definition.type === 'integer') {
		const text = String(value);
		const number = Number(text);
		if (!/^-?\d+$/.test(text) || number < (definition.min ?? -Infinity) || number > (definition.max ?? Infinity)) {
			throw badRequest(`value must be an integer ${definition.min}–${definition.max} for setting ${definition.setting}`);
		}
		return String(number);
	}
	if (typeof value !== 'string') throw badRequest(`value must be a string for setting ${definition.setting}`);
	if (definition.allowedValues && !definition.allowedValues.includes(value)) {
		throw badRequest(`value must be one of ${definition.allowedValues.join(', ')} for setting ${definition.setting}`);
	}
	if (definition.minLength !== undefined && value.length < definition.minLength) {
		throw badRequest(`value must be at least ${definition.minLength} characters for setting ${definition.setting}`);
	}
	if (definition.maxLength !== undefined && value.length > definition.maxLength) {
		throw badRequest(`value must be at most ${definition.maxLength} characters for setting ${definition.setting}`);
	}
	return value;
}

export function registerSettingRoutes(router: Router, rt: Runtime): void {
	on(router, 'GET', '/UnitSettings/Definitions', () => reply.json(200, shapes.settingDefinitions(rt.dialect(), settingDefinitions)));

	on(router, 'GET', '/UnitSettings', (req) => {
		const unitId = requiredQueryInt(req.query, 'unitId', { min: 1 });
		accessibleUnit(rt, req.user, { unitId });
		return reply.json(200, shapes.settingRows(rt.dialect(), { unitId, rows: rt.state.settings.filter((row) => row.unitId === unitId).map(settingView) }));
	});

	on(router, 'PUT', '/UnitSettings', (req) => {
		const body = parseBody(putSettingSchema, req.body);
		accessibleUnit(rt, req.user, { unitId: body.unitId });
		const definition = findSettingDefinition(body.setting);
		if (!definition) throw badRequest(`setting ${body.setting} is not an approved setting; see GET /UnitSettings/Definitions`);
		const params = checkParams(definition, body.params);
		const value = checkValue(definition, body.value);
		const updatedIso = isoUtc(rt.now());
		const existing = rt.state.settings.find((row) => row.unitId === body.unitId && row.setting === definition.setting && row.params === params);
		if (!existing) {
			const row: UnitSetting = { unitId: body.unitId, setting: definition.setting, params, value, unitSyncState: 'changed', updatedIso, revision: 1 };
			rt.state.settings.push(row);
			// inferred: 201 when the row is created, 200 when it is updated
			return reply.json(201, shapes.settingRow(rt.dialect(), settingView(row)));
		}
		// inferred: writing the value the row already has does not mark it changed
		if (existing.value !== value || existing.unitSyncState === 'deleted') {
			existing.value = value;
			existing.unitSyncState = 'changed';
			existing.revision++;
		}
		existing.updatedIso = updatedIso;
		return reply.json(200, shapes.settingRow(rt.dialect(), settingView(existing)));
	});
}
