/** `POST /Control` (command) and `GET /Control` (current IO status). */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit, queryUnitRef } from '../access';
import type { OutputController } from '../control';
import * as shapes from '../dialects';
import { badRequest } from '../errors';
import { on, type Runtime } from '../runtime';
import { controlSchema, parseBody } from '../schemas';
import { allIo } from '../seed';
import { buildControlStatus } from '../status';
import type { UnitRecord } from '../types';

function assertFlexyKeyUnit(record: UnitRecord, what: string): void {
	// inferred: Evva AirKey units have no FlexyKey IO, so there is no status to read
	if (record.unit.unitType !== 'FlexyKey') throw badRequest(`${what} is not available for Evva AirKey units (unitId ${record.unit.unitId})`);
}

export function registerControlRoutes(router: Router, rt: Runtime, outputs: OutputController): void {
	on(router, 'POST', '/Control', (req) => {
		const body = parseBody(controlSchema, req.body);
		const record = accessibleUnit(rt, req.user, body);
		if (!allIo(record.unit).outputs.includes(body.outputNumber)) {
			throw badRequest(`outputNumber ${body.outputNumber} does not exist on unit ${record.unit.unitId}; see GET /Units for its outputs`);
		}
		outputs.command(record, body.outputNumber, body.outputAction, req.user.username);
		return reply.json(200, {
			status: 'OK',
			unitId: record.unit.unitId,
			outputNumber: body.outputNumber,
			outputAction: body.outputAction,
			messageId: null,
		});
	});

	on(router, 'GET', '/Control', (req) => {
		const record = accessibleUnit(rt, req.user, queryUnitRef(req.query));
		assertFlexyKeyUnit(record, 'Control status');
		return reply.json(200, shapes.controlStatus(rt.dialect(), buildControlStatus(record.unit, rt.state.io[record.unit.unitId], { isCached: true })));
	});
}
