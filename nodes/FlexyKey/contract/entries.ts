/**
 * FlexyKey ID entries: `GET /UnitIdEntries` pages and the entry a write answers with.
 */
import type { IDataObject } from 'n8n-workflow';
import { fieldValue, findList, findObject, isObject, matched, numberOf, type Reading, rowsOf, textOf } from '../../shared/contract';

export interface EntryPage {
	rows: IDataObject[];
	total?: number;
	limit?: number;
}

/** One `GET /UnitIdEntries` page (inferred: `{ total, limit, offset, items }`, or a bare array). */
export function readEntryPage(body: unknown): Reading<EntryPage> {
	if (Array.isArray(body)) return matched({ rows: rowsOf(body) });
	const list = findList(body, { at: 'items', synonyms: ['entries', 'idEntries', 'unitIdEntries', 'rows'], identify: ['idNumber', 'id'] });
	if (!list.ok) return list;
	// Paging numbers sit next to the list, or in a `paging`/`pagination`/`meta` object.
	const holders = [body, ...['paging', 'pagination', 'meta', 'page'].map((key) => fieldValue(body, [key])), fieldValue(body, ['data'])].filter(isObject);
	const number = (names: string[]) => holders.map((holder) => numberOf(fieldValue(holder, names))).find((value) => value !== undefined);
	return matched(
		{ rows: rowsOf(list.value), total: number(['total', 'totalCount', 'count', 'totalItems', 'totalRows']), limit: number(['limit', 'pageSize', 'take']) },
		list.variant,
	);
}

/**
 * The entry a create or update answered with (inferred: the entry itself; also accepted one level
 * down, e.g. `{ status, idEntry: { … } }`). An answer without one is passed on as it came.
 */
export function readEntry(body: unknown): Reading<IDataObject> {
	return findObject(body, ['idNumber', 'id']);
}

export interface EntryFields {
	id?: string;
	idNumber?: string;
	unitSyncState?: string;
}

export function entryFields(row: IDataObject): EntryFields {
	return {
		id: textOf(fieldValue(row, ['id', 'idEntryId', 'entryId'])),
		idNumber: textOf(fieldValue(row, ['idNumber', 'number'])),
		// inferred: each row carries its `unitSyncState` (synced, changed, deleted)
		unitSyncState: textOf(fieldValue(row, ['unitSyncState', 'syncState', 'state'])),
	};
}
