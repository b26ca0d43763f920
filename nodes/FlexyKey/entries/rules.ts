/**
 * The documented ID-entry field rules, checked locally so a bad value fails its own item with the
 * field named and nothing sent; plus the entry look-ups Create (on duplicate) and Revoke Access need.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../shared/run-scope';
import { invalidInput } from '../../shared/validation';
import { EXTRA_FIELDS_DISPLAY_NAME, extraBodyFields, type OwnBodyFields } from '../../shared/extra-fields';
import { ISO_HINT, parseIso, toUtcIso } from '../fields/time';
import { expectReading } from '../../shared/contract';
import { entryFields, readEntryPage, SERVICE, type EntryPage } from '../contract';
import { flexyKeyApi } from '../transport';

/** Display names, so messages name the field the user sees. */
export const ENTRY_FIELD_NAMES = {
	idNumber: 'ID Number',
	name: 'Name',
	description: 'Description',
	action: 'Action',
	codeTag: 'Code Tag (PIN)',
	codeTagCalendar: 'Code Tag Calendar',
	validFromIso: 'Valid From',
	validToIso: 'Valid To',
	entryId: 'Entry ID',
	extraFields: EXTRA_FIELDS_DISPLAY_NAME,
} as const;

/** The body keys the entry fields send: "Extra Body Fields (JSON)" may not set them (they would skip the checks). */
export const ENTRY_BODY_FIELDS: OwnBodyFields = {
	unitId: 'Unit',
	idNumber: ENTRY_FIELD_NAMES.idNumber,
	name: ENTRY_FIELD_NAMES.name,
	description: ENTRY_FIELD_NAMES.description,
	action: ENTRY_FIELD_NAMES.action,
	codeTag: ENTRY_FIELD_NAMES.codeTag,
	codeTagCalendar: ENTRY_FIELD_NAMES.codeTagCalendar,
	validFromIso: ENTRY_FIELD_NAMES.validFromIso,
	validToIso: ENTRY_FIELD_NAMES.validToIso,
};

/** Raw values as read from the node parameters; `undefined` means "not given". */
export interface EntryInput {
	idNumber?: unknown;
	name?: unknown;
	description?: unknown;
	action?: unknown;
	codeTag?: unknown;
	codeTagCalendar?: unknown;
	validFromIso?: unknown;
	validToIso?: unknown;
	extraFields?: unknown;
}

const text = (value: unknown): string | undefined => {
	if (value === undefined || value === null) return undefined;
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	// Luxon DateTimes (what `{{ $now }}` gives) as ISO 8601
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') return String((value as { toISO: () => string }).toISO());
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value).trim();
};

/**
 * Turns the given fields into a request body, enforcing each documented rule:
 * idNumber ≤ 20, name/description ≤ 25, action a relay or access group, codeTag 4–7 digits,
 * codeTagCalendar only with a PIN, validFrom/To ISO 8601 and To after From.
 * `mode: 'create'` requires ID Number and Action; `'update'` sends only what is given, and an empty
 * value there clears the field (`null`). `own` names, per body key, the field the operation sets it with.
 */
export function entryBody(
	ctx: IExecuteFunctions,
	item: ItemScope,
	input: EntryInput,
	mode: 'create' | 'update',
	own: OwnBodyFields = ENTRY_BODY_FIELDS,
): IDataObject {
	const body: IDataObject = {};
	const fail = (field: keyof typeof ENTRY_FIELD_NAMES, problem: string) => invalidInput(ctx, item, ENTRY_FIELD_NAMES[field], problem);
	const clears = mode === 'update';

	const idNumber = text(input.idNumber);
	if (idNumber !== undefined || mode === 'create') {
		if (!idNumber) throw fail('idNumber', 'is required');
		if (idNumber.length > 20) throw fail('idNumber', `must be at most 20 characters (got ${idNumber.length})`);
		body.idNumber = idNumber;
	}

	for (const field of ['name', 'description'] as const) {
		const value = text(input[field]);
		if (value === undefined) continue;
		if (value === '') {
			if (clears) body[field] = null;
			continue;
		}
		if (value.length > 25) throw fail(field, `must be at most 25 characters (got ${value.length})`);
		body[field] = value;
	}

	const action = text(input.action);
	if (action !== undefined || mode === 'create') {
		if (!action) throw fail('action', 'is required: a relay such as R1 or R2, or an access group such as G13');
		// inferred: relay/group names are case-insensitive locally and sent upper-case; the server checks which exist
		const normalized = action.toUpperCase();
		if (!/^[RG][1-9]\d*$/.test(normalized)) {
			throw fail('action', `"${action}" is not a relay (R1, R2 …) or an access group (G13 …)`);
		}
		body.action = normalized;
	}

	const codeTag = text(input.codeTag);
	if (codeTag !== undefined) {
		if (codeTag === '') {
			if (clears) body.codeTag = null;
		} else {
			// the value is a PIN: never echo it in a message
			if (!/^\d{4,7}$/.test(codeTag)) throw fail('codeTag', `must be 4-7 digits (got ${codeTag.length} characters${/^\d*$/.test(codeTag) ? '' : ', not all digits'})`);
			body.codeTag = codeTag;
		}
	}

	const calendar = input.codeTagCalendar;
	if (calendar !== undefined && calendar !== null && calendar !== '') {
		const value = Number(calendar);
		if (clears && value === 0) body.codeTagCalendar = null;
		else {
			if (!Number.isInteger(value) || value < 1) throw fail('codeTagCalendar', `must be a calendar number, 1 or more (got ${String(calendar)})`);
			const pin = body.codeTag;
			// A PIN given in this same request is what the rule checks locally; on an update without
			// Code Tag, the server checks it against the stored entry.
			if (pin === null || (mode === 'create' && pin === undefined)) {
				throw fail('codeTagCalendar', 'may only be set when Code Tag (PIN) contains a valid PIN (4-7 digits)');
			}
			body.codeTagCalendar = value;
		}
	}

	const times: Record<'validFromIso' | 'validToIso', number | undefined> = { validFromIso: undefined, validToIso: undefined };
	for (const field of ['validFromIso', 'validToIso'] as const) {
		const value = text(input[field]);
		if (value === undefined) continue;
		if (value === '') {
			if (clears) body[field] = null;
			continue;
		}
		// A value without an offset (what n8n's date picker stores) is read in the workflow's time zone.
		const ms = parseIso(value, ctx.getTimezone());
		if (Number.isNaN(ms)) throw fail(field, `"${value}" is not ${ISO_HINT}`);
		times[field] = ms;
		// Sent in UTC with Z, the API-wide timestamp format (the doc accepts offsets too).
		body[field] = toUtcIso(ms);
	}
	// inferred: the end of a validity window must be after its start
	if (times.validFromIso !== undefined && times.validToIso !== undefined && times.validToIso <= times.validFromIso) {
		throw fail('validToIso', `must be after Valid From (${String(body.validToIso)} is not after ${String(body.validFromIso)})`);
	}

	Object.assign(body, extraBodyFields(ctx, item, input.extraFields, own));
	return body;
}

/** A positive whole-number entry ID. */
export function entryIdParameter(ctx: IExecuteFunctions, item: ItemScope, value: unknown, field: string = ENTRY_FIELD_NAMES.entryId): number {
	const raw = text(value) ?? '';
	if (raw === '') throw invalidInput(ctx, item, field, 'is required');
	if (!/^\d+$/.test(raw) || Number(raw) < 1) throw invalidInput(ctx, item, field, `"${raw}" is not an entry ID (a positive whole number)`);
	return Number(raw);
}

// ---- reading entries ----------------------------------------------------------------------------

/** The API's page maximum for `GET /UnitIdEntries` (API-wide: at most 500 entries per request). */
export const MAX_PAGE_SIZE = 500;
/** Stops a server that ignores `offset` from looping forever. */
const MAX_PAGES = 1000;

/** One page; the rows of the page envelope (inferred `{ total, limit, offset, items }`) or of a bare array. */
export async function fetchEntryPage(
	ctx: IExecuteFunctions,
	item: ItemScope,
	query: { unitId: number; search?: string; limit: number; offset: number },
): Promise<EntryPage> {
	const body = await flexyKeyApi(ctx, item).get('/UnitIdEntries', { ...query });
	return expectReading(ctx.getNode(), SERVICE, 'GET /UnitIdEntries', readEntryPage(body), item.index);
}

/**
 * Every row matching `search`, page by page from `offset`, stopping at the end, at `max` rows, or
 * early when `stop` says the wanted row was seen.
 */
export async function walkEntries(
	ctx: IExecuteFunctions,
	item: ItemScope,
	query: { unitId: number; search?: string; offset?: number },
	options: { max?: number; stop?: (row: IDataObject) => boolean } = {},
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	let offset = query.offset ?? 0;
	for (let page = 0; page < MAX_PAGES; page++) {
		const result = await fetchEntryPage(ctx, item, { unitId: query.unitId, search: query.search, limit: MAX_PAGE_SIZE, offset });
		rows.push(...result.rows);
		if (options.stop && result.rows.some(options.stop)) break;
		if (options.max !== undefined && rows.length >= options.max) return rows.slice(0, options.max);
		offset += result.rows.length;
		const pageSize = result.limit ?? MAX_PAGE_SIZE;
		if (result.rows.length === 0 || result.rows.length < pageSize || (result.total !== undefined && offset >= result.total)) break;
	}
	return rows;
}

/** `unitSyncState` of a row, when the server tells it. */
const isMarkedDeleted = (row: IDataObject) => (entryFields(row).unitSyncState ?? '').toLowerCase() === 'deleted';

/**
 * The entry with exactly this idNumber: the live one, else one already marked for deletion
 * (search matches partially and over several fields, so the exact match is picked here).
 */
export async function findEntryByIdNumber(
	ctx: IExecuteFunctions,
	item: ItemScope,
	unitId: number,
	idNumber: string,
): Promise<{ live?: IDataObject; deleted?: IDataObject }> {
	const exact = (row: IDataObject) => entryFields(row).idNumber === idNumber;
	const rows = await walkEntries(ctx, item, { unitId, search: idNumber }, { stop: (row) => exact(row) && !isMarkedDeleted(row) });
	const matches = rows.filter(exact);
	return { live: matches.find((row) => !isMarkedDeleted(row)), deleted: matches.find(isMarkedDeleted) };
}
