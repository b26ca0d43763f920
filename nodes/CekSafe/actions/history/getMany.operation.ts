import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { invalidInput } from '../../../shared/validation';
import { expectReading } from '../../../shared/contract';
import { MAX_HISTORY_PAGE_SIZE, readHistoryPage, SERVICE, type HistoryPage } from '../../contract';
import { cekSafeApi, type CekSafeOperation } from '../../transport';
import { returnAllFields } from '../../../shared/paging';
import { filtersCollection, showFor } from '../../../shared/display';

/** Return All stops here even if the server keeps announcing pages (a guard, not a limit anyone should meet). */
const MAX_PAGES = 10_000;

/**
 * `GET /history?page&limit&from&to`: one output item per check, newest first as the API sends
 * them. Return All walks every page at the largest page size.
 */
export const getMany: CekSafeOperation = {
	concurrent: true,
	properties: showFor('history', 'getMany', [
		...returnAllFields({ max: MAX_HISTORY_PAGE_SIZE, hint: 'The page size, at most 100' }),
		{
			displayName: 'Page',
			name: 'page',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'Which page of that size to return (1 is the newest checks)',
			displayOptions: { show: { returnAll: [false] } },
		},
		filtersCollection([
			{
				displayName: 'From',
				name: 'from',
				type: 'string',
				default: '',
				placeholder: '2026-03-01',
				description: 'First day to include (YYYY-MM-DD, inclusive)',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'string',
				default: '',
				placeholder: '2026-03-31',
				description: 'Last day to include (YYYY-MM-DD, inclusive)',
			},
		]),
	]),
	async run(item) {
		const returnAll = this.getNodeParameter('returnAll', item.index, false) as boolean;
		const filters = this.getNodeParameter('filters', item.index, {}) as { from?: unknown; to?: unknown };
		const from = dateParameter(this, item, 'From', filters.from);
		const to = dateParameter(this, item, 'To', filters.to);
		if (from !== undefined && to !== undefined && from > to) throw invalidInput(this, item, 'To', `${to} is before From (${from})`);

		if (!returnAll) {
			const limit = wholeNumber(this, item, 'Limit', this.getNodeParameter('limit', item.index, 50), 1, MAX_HISTORY_PAGE_SIZE);
			const page = wholeNumber(this, item, 'Page', this.getNodeParameter('page', item.index, 1), 1);
			return (await fetchPage(this, item, { page, limit, from, to })).checks;
		}

		const rows: IDataObject[] = [];
		const seen = new Set<string>();
		for (let page = 1; page <= MAX_PAGES; page++) {
			const { checks, pages } = await fetchPage(this, item, { page, limit: MAX_HISTORY_PAGE_SIZE, from, to });
			for (const check of checks) {
				// inferred: a check added while the pages are walked shifts the pages by one; skip repeats by id
				const id = typeof check.id === 'string' ? check.id : undefined;
				if (id !== undefined) {
					if (seen.has(id)) continue;
					seen.add(id);
				}
				rows.push(check);
			}
			const last = pages !== undefined ? page >= pages : checks.length < MAX_HISTORY_PAGE_SIZE;
			if (last || checks.length === 0) break;
		}
		return rows;
	},
};

async function fetchPage(
	ctx: IExecuteFunctions,
	item: ItemScope,
	qs: { page: number; limit: number; from?: string; to?: string },
): Promise<HistoryPage> {
	const body = await cekSafeApi(ctx, item).get('/history', qs);
	return expectReading(ctx.getNode(), SERVICE, 'GET /history', readHistoryPage(body), item.index);
}

function wholeNumber(ctx: IExecuteFunctions, item: ItemScope, field: string, value: unknown, min: number, max?: number): number {
	const number = Number(value);
	if (!Number.isInteger(number) || number < min || (max !== undefined && number > max)) {
		const range = max === undefined ? `at least ${min}` : `${min}–${max}`;
		throw invalidInput(ctx, item, field, `must be a whole number ${range}, got ${String(value)}`);
	}
	return number;
}

/**
 * A calendar day as `YYYY-MM-DD`; `undefined` when empty. An ISO date-time (from the date picker
 * or `$now`) counts as the day written in it.
 */
export function dateParameter(ctx: IExecuteFunctions, item: ItemScope, field: string, value: unknown): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text);
	const day = match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
	if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`)) || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
		throw invalidInput(ctx, item, field, `"${text}" is not a date; use YYYY-MM-DD, e.g. 2026-03-01`);
	}
	return day;
}
