/** `GET /Logs?unitId&from&to` (inferred, API-NOTES B): newest first, at most 500 rows, FlexyKey units only. */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit, queryInterval, requiredQueryInt } from '../access';
import { badRequest } from '../errors';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';
import { isoUtc, swedishLocal } from '../time';
import type { LogRow } from '../types';

export const MAX_LOG_ROWS = 500;

// inferred: log row shape and eventType values (access, input, control, output, sync)
function logView(row: LogRow) {
	return {
		logId: row.logId,
		unitId: row.unitId,
		timestamp: swedishLocal(row.atMs),
		timestampIso: isoUtc(row.atMs),
		eventType: row.eventType,
		message: row.message,
		idNumber: row.idNumber,
		outputNumber: row.outputNumber,
	};
}

export function registerLogRoutes(router: Router, rt: Runtime): void {
	on(router, 'GET', '/Logs', (req) => {
		const unitId = requiredQueryInt(req.query, 'unitId', { min: 1 });
		const record = accessibleUnit(rt, req.user, { unitId });
		if (record.unit.unitType !== 'FlexyKey') throw badRequest(`Logs are not available for Evva AirKey units (unitId ${unitId})`);
		const { from, to } = queryInterval(req.query);
		// inferred: rows are stamped to the second (timestampIso), so from/to match at the second:
		// to=…:05Z includes every row shown as …:05Z
		const second = (ms: number) => Math.floor(ms / 1000) * 1000;
		const rows = rt.state.logs
			.filter((row) => row.unitId === unitId && (from === undefined || second(row.atMs) >= second(from)) && (to === undefined || second(row.atMs) <= to))
			.sort((a, b) => b.atMs - a.atMs || b.logId - a.logId)
			.slice(0, MAX_LOG_ROWS)
			.map(logView);
		return reply.json(200, shapes.logRows(rt.dialect(), rows));
	});
}
