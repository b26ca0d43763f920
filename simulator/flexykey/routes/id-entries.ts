/** `GET|POST /UnitIdEntries`, `PUT|DELETE /UnitIdEntries/{id}`: the unit access list on the server. */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleUnit, pathInt, queryInt, queryText, requiredQueryInt } from '../access';
import { badRequest, conflict, notFound } from '../errors';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';
import { createIdEntrySchema, parseBody, updateIdEntrySchema, type UpdateIdEntryBody } from '../schemas';
import { isoUtc, parseIsoWithOffset } from '../time';
import type { FlexyKeyUser, IdEntry } from '../types';

// inferred: page size 50 by default, at most 500 (the API-wide maximum), larger values clamped
export const DEFAULT_ENTRY_LIMIT = 50;
export const MAX_ENTRY_LIMIT = 500;

/** The fields sent to the unit: changing one marks the entry `changed` (the doc's list). */
export const SYNCED_ENTRY_FIELDS = ['idNumber', 'action', 'codeTag', 'codeTagCalendar', 'validFromIso', 'validToIso'] as const;

const EDITABLE_FIELDS = [...SYNCED_ENTRY_FIELDS, 'name', 'description'] as const;

export function entryView(entry: IdEntry): Omit<IdEntry, 'revision'> {
	const view: Partial<IdEntry> = { ...entry };
	delete view.revision;
	return view as Omit<IdEntry, 'revision'>;
}

/** Rules that involve two fields, checked on the entry as it would be stored. */
function checkEntryRules(entry: Pick<IdEntry, 'codeTag' | 'codeTagCalendar' | 'validFromIso' | 'validToIso'>): void {
	if (entry.codeTagCalendar !== null && entry.codeTag === null) {
		throw badRequest('codeTagCalendar may only be set when codeTag contains a valid PIN (4-7 digits)');
	}
	// inferred: validToIso must be after validFromIso when both are set
	if (entry.validFromIso && entry.validToIso && parseIsoWithOffset(entry.validToIso) <= parseIsoWithOffset(entry.validFromIso)) {
		throw badRequest('validToIso must be after validFromIso');
	}
}

function assertUniqueIdNumber(rt: Runtime, unitId: number, idNumber: string, exceptId?: number): void {
	// inferred: rows already marked for deletion do not block their idNumber
	const duplicate = rt.state.idEntries.find(
		(entry) => entry.unitId === unitId && entry.idNumber === idNumber && entry.unitSyncState !== 'deleted' && entry.id !== exceptId,
	);
	if (duplicate) throw conflict(`idNumber ${idNumber} already exists on unit ${unitId} (id ${duplicate.id})`);
}

function matchesSearch(entry: IdEntry, search: string): boolean {
	const needle = search.toLowerCase();
	return [entry.idNumber, entry.name, entry.description, entry.action].some((value) => value?.toLowerCase().includes(needle));
}

/** The row behind `{id}`, checked against the caller's company and the body/query `unitId`. */
function ownedEntry(rt: Runtime, user: FlexyKeyUser, rawId: string | undefined, unitId: number): IdEntry {
	const id = pathInt(rawId, 'id');
	const entry = rt.state.idEntries.find((candidate) => candidate.id === id);
	if (!entry) throw notFound(`ID entry not found: ${id}`);
	accessibleUnit(rt, user, { unitId: entry.unitId });
	if (entry.unitId !== unitId) throw badRequest(`unitId ${unitId} does not match the unit of ID entry ${id} (${entry.unitId})`);
	return entry;
}

/** Applies the fields present in an update; true when a field the unit uses changed. */
// inferred: PUT updates the fields present (null clears an optional one); omitted fields keep their values
function applyUpdate(entry: IdEntry, body: UpdateIdEntryBody): boolean {
	let syncRelevant = false;
	for (const field of EDITABLE_FIELDS) {
		const value = body[field];
		if (value === undefined || value === entry[field]) continue;
		(entry as unknown as Record<string, unknown>)[field] = value;
		if ((SYNCED_ENTRY_FIELDS as readonly string[]).includes(field)) syncRelevant = true;
	}
	return syncRelevant;
}

export function registerIdEntryRoutes(router: Router, rt: Runtime): void {
	on(router, 'GET', '/UnitIdEntries', (req) => {
		const unitId = requiredQueryInt(req.query, 'unitId', { min: 1 });
		accessibleUnit(rt, req.user, { unitId });
		const search = queryText(req.query, 'search');
		const limit = Math.min(queryInt(req.query, 'limit', { min: 1 }) ?? DEFAULT_ENTRY_LIMIT, MAX_ENTRY_LIMIT);
		const offset = queryInt(req.query, 'offset', { min: 0 }) ?? 0;
		const matching = rt.state.idEntries
			.filter((entry) => entry.unitId === unitId && (search === undefined || matchesSearch(entry, search)))
			.sort((a, b) => a.id - b.id);
		// inferred: page envelope { unitId, total, limit, offset, items }
		return reply.json(200, shapes.idEntryPage(rt.dialect(), { unitId, total: matching.length, limit, offset, items: matching.slice(offset, offset + limit).map(entryView) }));
	});

	on(router, 'POST', '/UnitIdEntries', (req) => {
		const body = parseBody(createIdEntrySchema, req.body);
		accessibleUnit(rt, req.user, { unitId: body.unitId });
		const fields = {
			name: body.name ?? null,
			description: body.description ?? null,
			codeTag: body.codeTag ?? null,
			codeTagCalendar: body.codeTagCalendar ?? null,
			validFromIso: body.validFromIso ?? null,
			validToIso: body.validToIso ?? null,
		};
		checkEntryRules(fields);
		assertUniqueIdNumber(rt, body.unitId, body.idNumber);
		const nowIso = isoUtc(rt.now());
		// inferred: a new entry is `changed` until a sync sends it
		const entry: IdEntry = {
			id: rt.nextId('entry'),
			unitId: body.unitId,
			idNumber: body.idNumber,
			action: body.action,
			...fields,
			unitSyncState: 'changed',
			createdIso: nowIso,
			updatedIso: nowIso,
			revision: 1,
		};
		rt.state.idEntries.push(entry);
		return reply.json(201, shapes.idEntry(rt.dialect(), entryView(entry)));
	});

	on(router, 'PUT', '/UnitIdEntries/:id', (req) => {
		const body = parseBody(updateIdEntrySchema, req.body);
		const entry = ownedEntry(rt, req.user, req.params.id, body.unitId);
		// inferred: a row marked for deletion cannot be edited until a sync removes it (or Tools resets it)
		if (entry.unitSyncState === 'deleted') throw conflict(`ID entry ${entry.id} is marked for deletion`);
		const next = { ...entry };
		const syncRelevant = applyUpdate(next, body);
		checkEntryRules(next);
		if (next.idNumber !== entry.idNumber) assertUniqueIdNumber(rt, entry.unitId, next.idNumber, entry.id);
		Object.assign(entry, next, { updatedIso: isoUtc(rt.now()) });
		if (syncRelevant) {
			entry.unitSyncState = 'changed';
			entry.revision++;
		}
		return reply.json(200, shapes.idEntry(rt.dialect(), entryView(entry)));
	});

	on(router, 'DELETE', '/UnitIdEntries/:id', (req) => {
		// inferred: "unitId is required for all operations" — on DELETE it is a query parameter
		const unitId = requiredQueryInt(req.query, 'unitId', { min: 1 });
		const entry = ownedEntry(rt, req.user, req.params.id, unitId);
		entry.unitSyncState = 'deleted';
		entry.revision++;
		entry.updatedIso = isoUtc(rt.now());
		// inferred: 200 with the row as it now stands (marked for deletion)
		return reply.json(200, shapes.idEntry(rt.dialect(), entryView(entry)));
	});
}
