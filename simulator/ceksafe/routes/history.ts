/** `GET /history?page&limit&from&to` (documented shape `data.checks[]` + `data.pagination`). */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import type { CheckRecord } from '../catalogue';
import { fail } from '../errors';
import { on, type AccountName } from '../route';
import { historyQuerySchema, parseQuery } from '../schemas';

const DAY_MS = 86_400_000;

export function registerHistoryRoutes(router: Router, histories: Map<AccountName, CheckRecord[]>): void {
	on(router, 'GET', '/history', (req) => {
		const { page, limit, from, to } = parseQuery(historyQuerySchema, req.query);
		// inferred: from after to is INVALID_DATE
		if (from !== undefined && to !== undefined && from > to) throw fail(400, 'INVALID_DATE', 'from must not be after to');
		// inferred: from/to are inclusive calendar days in UTC
		const toExclusive = to === undefined ? undefined : to + DAY_MS;
		const rows = histories
			.get(req.caller)!
			.map((row, index) => ({ row, index, time: Date.parse(row.checked_at) }))
			.filter(({ time }) => (from === undefined || time >= from) && (toExclusive === undefined || time < toExclusive))
			.sort((a, b) => b.time - a.time || b.index - a.index)
			.map(({ row }) => row);
		const total = rows.length;
		return reply.json(200, {
			success: true,
			data: {
				checks: rows.slice((page - 1) * limit, page * limit).map((row) => ({ ...row })),
				// inferred: pages is 0 when there is nothing; a page past the end is empty, not an error
				pagination: { page, limit, total, pages: Math.ceil(total / limit) },
			},
		});
	});
}
