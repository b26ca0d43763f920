/**
 * CekSafe answers are documented (`POST /check`, `GET /history`), so they are read strictly: a
 * history answer without `data.checks` is reported, never taken for an empty history. Only the
 * inferred details around them (dates as `YYYY-MM-DD`) live in the operations; the page size is below.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RowKey } from '../shared/cursor';
import { isObject, matched, mismatch, numberOf, type Reading } from '../shared/contract';

export const SERVICE = 'CekSafe';

/** inferred: the largest `GET /history` page the API serves (API-NOTES B); larger limits answer 400. */
export const MAX_HISTORY_PAGE_SIZE = 100;

export interface HistoryPage {
	checks: IDataObject[];
	/** Documented `{ page, limit, total, pages }`. */
	pages?: number;
	total?: number;
}

/** Documented: `{ success: true, data: { checks: [...], pagination: { page, limit, total, pages } } }`. */
export function readHistoryPage(body: unknown): Reading<HistoryPage> {
	const data = isObject(body) ? body.data : undefined;
	if (!isObject(data) || !Array.isArray(data.checks)) return mismatch('data.checks (a list, as documented)', body);
	const pagination = isObject(data.pagination) ? data.pagination : {};
	return matched({
		checks: data.checks.filter(isObject),
		pages: numberOf(pagination.pages),
		total: numberOf(pagination.total),
	});
}

/** Documented: `POST /check` answers `{ success: true, data: { imei, status, … } }`. */
export function readCheck(body: unknown): Reading<IDataObject> {
	const data = isObject(body) ? body.data : undefined;
	if (!isObject(data) || typeof data.status !== 'string') return mismatch('data.status (as documented)', body);
	return matched(data);
}

/** Documented history row fields: a check is identified by `id` and placed in time by `checked_at` (UTC ISO 8601). */
export function checkRowKey(row: IDataObject): RowKey | undefined {
	const atMs = Date.parse(String(row.checked_at ?? ''));
	if (Number.isNaN(atMs) || row.id === undefined || row.id === null) return undefined;
	return { atMs, id: String(row.id) };
}
