/**
 * Server-side maintenance: set what the server considers synchronized, changed or deleted.
 * They never talk to the unit. // inferred: response shape { status, unitId, unitSyncState, counts }
 */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit } from '../access';
import { findSettingDefinition } from '../catalog';
import { badRequest, notFound } from '../errors';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';
import { allDataSyncStateSchema, idEntriesSyncStateSchema, parseBody, settingsSyncStateSchema } from '../schemas';
import { isoUtc } from '../time';
import type { IdEntry, UnitSetting, UnitSyncState } from '../types';

/** Sets the state on each row; the revision bump keeps an in-flight sync from overriding it. */
// inferred: a Tools change wins over a sync already in flight
function setState(rows: Array<IdEntry | UnitSetting>, unitSyncState: UnitSyncState, updatedIso: string): number {
	for (const row of rows) {
		row.unitSyncState = unitSyncState;
		row.revision++;
		row.updatedIso = updatedIso;
	}
	return rows.length;
}

function entryRows(rt: Runtime, unitId: number, id?: number): IdEntry[] {
	const rows = rt.state.idEntries.filter((entry) => entry.unitId === unitId && (id === undefined || entry.id === id));
	if (id !== undefined && rows.length === 0) throw notFound(`ID entry ${id} not found on unit ${unitId}`);
	return rows;
}

function settingRows(rt: Runtime, unitId: number, setting?: string, params?: string | null): UnitSetting[] {
	if (setting === undefined) {
		if (params !== undefined && params !== null) throw badRequest('params requires setting');
		return rt.state.settings.filter((row) => row.unitId === unitId);
	}
	if (!findSettingDefinition(setting)) throw badRequest(`setting ${setting} is not an approved setting; see GET /UnitSettings/Definitions`);
	// inferred: setting without params affects every row of that setting
	const rows = rt.state.settings.filter(
		(row) => row.unitId === unitId && row.setting === setting && (params === undefined || row.params === (params || null)),
	);
	// inferred: naming a setting row that does not exist is 404
	if (rows.length === 0) throw notFound(`Setting ${setting}${params ? ` (${params})` : ''} not found on unit ${unitId}`);
	return rows;
}

export function registerToolRoutes(router: Router, rt: Runtime): void {
	on(router, 'POST', '/Tools/IdEntriesSyncState', (req) => {
		const body = parseBody(idEntriesSyncStateSchema, req.body);
		accessibleUnit(rt, req.user, { unitId: body.unitId });
		const idEntries = setState(entryRows(rt, body.unitId, body.id), body.unitSyncState, isoUtc(rt.now()));
		return reply.json(200, shapes.toolResult(rt.dialect(), { status: 'OK', unitId: body.unitId, unitSyncState: body.unitSyncState, idEntries }));
	});

	on(router, 'POST', '/Tools/UnitSettingsSyncState', (req) => {
		const body = parseBody(settingsSyncStateSchema, req.body);
		accessibleUnit(rt, req.user, { unitId: body.unitId });
		const settings = setState(settingRows(rt, body.unitId, body.setting, body.params), body.unitSyncState, isoUtc(rt.now()));
		return reply.json(200, shapes.toolResult(rt.dialect(), { status: 'OK', unitId: body.unitId, unitSyncState: body.unitSyncState, settings }));
	});

	on(router, 'POST', '/Tools/AllUnitDataSyncState', (req) => {
		const body = parseBody(allDataSyncStateSchema, req.body);
		accessibleUnit(rt, req.user, { unitId: body.unitId });
		const updatedIso = isoUtc(rt.now());
		const idEntries = setState(entryRows(rt, body.unitId), body.unitSyncState, updatedIso);
		const settings = setState(settingRows(rt, body.unitId), body.unitSyncState, updatedIso);
		return reply.json(200, shapes.toolResult(rt.dialect(), { status: 'OK', unitId: body.unitId, unitSyncState: body.unitSyncState, idEntries, settings }));
	});
}
