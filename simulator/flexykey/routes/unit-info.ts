/** `GET /RequestUnitInfoTypes`, `POST /RequestUnitInfo` and `GET /UnitMessages`. */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit, queryInt, queryText, requiredQueryInt } from '../access';
import { findProfile, findPublicType, publicUnitInfoTypes, unitInfoProfiles } from '../catalog';
import { badRequest } from '../errors';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';
import { parseBody, requestUnitInfoSchema } from '../schemas';
import { isoUtc, swedishLocal } from '../time';
import type { UnitMessage } from '../types';
import type { UnitInfoService } from '../unit-info';

export const DEFAULT_MESSAGE_LIMIT = 20;
export const MAX_MESSAGE_LIMIT = 100;

function unknownType(typeName: string): Error {
	return badRequest(`typeName ${typeName} is not an approved command type; see GET /RequestUnitInfoTypes`);
}

function resolveTypeNames(body: { typeName?: string; profile?: string }): string[] {
	if (body.typeName !== undefined) {
		if (!findPublicType(body.typeName)) throw unknownType(body.typeName);
		return [body.typeName];
	}
	const profile = findProfile(body.profile!);
	if (!profile) throw badRequest(`profile ${body.profile} is not an approved profile; see GET /RequestUnitInfoTypes`);
	return profile.typeNames;
}

// inferred: message row shape (messageId, unitId, typeName, message, timestamp, timestampIso)
function messageRow(message: UnitMessage) {
	return {
		messageId: message.messageId,
		unitId: message.unitId,
		typeName: message.typeName,
		message: message.message,
		timestamp: swedishLocal(message.atMs),
		timestampIso: isoUtc(message.atMs),
	};
}

export function registerUnitInfoRoutes(router: Router, rt: Runtime, unitInfo: UnitInfoService): void {
	// inferred: response shape { types, profiles } and the profile descriptions
	on(router, 'GET', '/RequestUnitInfoTypes', () => reply.json(200, shapes.unitInfoCatalog(rt.dialect(), { types: publicUnitInfoTypes(), profiles: unitInfoProfiles })));

	on(router, 'POST', '/RequestUnitInfo', (req) => {
		const body = parseBody(requestUnitInfoSchema, req.body);
		const record = accessibleUnit(rt, req.user, body);
		// inferred: Evva AirKey units do not take FlexyKey CHECK commands
		if (record.unit.unitType !== 'FlexyKey') throw badRequest(`Unit information is not available for Evva AirKey units (unitId ${record.unit.unitId})`);
		const results = unitInfo.request(record, resolveTypeNames(body));
		// inferred: response shape
		return reply.json(
			200,
			shapes.unitInfoRequest(rt.dialect(), {
				status: 'OK',
				unitId: record.unit.unitId,
				serialNumber: record.unit.serialNumber,
				typeName: body.typeName ?? null,
				profile: body.profile ?? null,
				results: results.map((result) => ({ ...result })),
			}),
		);
	});

	on(router, 'GET', '/UnitMessages', (req) => {
		const unitId = requiredQueryInt(req.query, 'unitId', { min: 1 });
		accessibleUnit(rt, req.user, { unitId });
		const typeName = queryText(req.query, 'typeName');
		// inferred: filtering by a type outside the public catalog is 400, not an empty list
		if (typeName !== undefined && !findPublicType(typeName)) throw unknownType(typeName);
		// inferred: a limit above 100 is clamped to 100 rather than rejected
		const limit = Math.min(queryInt(req.query, 'limit', { min: 1 }) ?? DEFAULT_MESSAGE_LIMIT, MAX_MESSAGE_LIMIT);
		const rows = rt.state.messages
			.filter((message) => message.unitId === unitId && findPublicType(message.typeName) && (typeName === undefined || message.typeName === typeName))
			.sort((a, b) => b.atMs - a.atMs || b.messageId - a.messageId)
			.slice(0, limit)
			.map(messageRow);
		// inferred: a plain array, newest first
		return reply.json(200, shapes.unitMessages(rt.dialect(), { unitId, rows }));
	});
}
