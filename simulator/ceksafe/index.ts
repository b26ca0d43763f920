/**
 * CekSafe API simulator, served under `/ceksafe/v1`.
 *
 * Documented (seed doc + API-NOTES A): Bearer API keys, API access from the Growth tier up,
 * per-tier limits per minute (Starter 100, Growth 500, Pro 1000), `POST /check {imei, type}` with
 * its response shape, the `INVALID_IMEI` / "IMEI must be 15 digits" error shape, and
 * `GET /history?page&limit&from&to` with `data.checks[]` + `data.pagination`.
 * Everything else is marked `// inferred:` (API-NOTES B or a decision made here).
 */
import type { SimContext } from '../core/context';
import { currentDialect, inferredRateHeaders } from '../core/dialect';
import { bearerToken, Router } from '../core/http';
import { servePipeline, type ApiPipeline } from '../core/pipeline';
import { AccountRequestLog, type AccountRequestLogEntry } from '../core/request-log';
import { KnobLimiter, rateHeadersIn } from '../core/rate-limit';
import type { SimApi } from '../core/server';
import { cekSafeKeys } from '../demo-credentials';
import { seedHistory, type CheckRecord } from './catalogue';
import { errorReply, fail } from './errors';
import type { AccountName } from './route';
import { registerCheckRoutes } from './routes/check';
import { registerHistoryRoutes } from './routes/history';

export { cekSafeFixtures, verdictFor } from './catalogue';
export { withLuhn } from '../core/imei';
export type { CheckRecord, CheckStatus } from './catalogue';

export type { AccountRequestLogEntry as RequestLogEntry } from '../core/request-log';

export interface CekSafeApi extends SimApi {
	readonly name: 'ceksafe';
	/** 429s answered since start or the last reset. */
	readonly rateLimited: number;
	/** Every request answered (newest last, capped at 10,000). */
	readonly requests: readonly AccountRequestLogEntry[];
	/** A demo account's check history, oldest first. */
	history(account: AccountName): readonly CheckRecord[];
}

const accountsByKey = new Map<string, AccountName>(
	(Object.keys(cekSafeKeys) as AccountName[]).map((name) => [cekSafeKeys[name].key, name]),
);

/** The documented tier gate: API access from Growth up. */
const API_TIERS: readonly string[] = ['Growth', 'Pro'];

function seedFor(account: AccountName): CheckRecord[] {
	// The doc's history example shows total 150; the Growth demo key has 150 checks across March 2026.
	if (account === 'growth') return seedHistory(2026_03, 150, Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1));
	if (account === 'pro') return seedHistory(2026_02, 12, Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1));
	return [];
}

const seedAll = () => new Map((Object.keys(cekSafeKeys) as AccountName[]).map((name) => [name, seedFor(name)]));

export function createCekSafeApi(ctx: SimContext): CekSafeApi {
	const limiter = new KnobLimiter(() => ctx.clock.now());
	const histories = seedAll();
	const log = new AccountRequestLog(() => ctx.clock.now());
	let rateLimited = 0;

	const router = new Router();
	registerCheckRoutes(router, histories, () => ctx.clock.now());
	registerHistoryRoutes(router, histories);

	const pipeline: ApiPipeline<AccountName> = {
		faults: () => ctx.config.faults,
		identify(req) {
			const account = accountsByKey.get(bearerToken(req.headers) ?? '');
			// inferred: message text; no rate-limit headers without a recognised key
			if (!account) throw fail(401, 'UNAUTHORIZED', 'Missing or invalid API key');
			return account;
		},
		// inferred: CekSafe documents only the limits; the X-RateLimit-* headers and Retry-After
		// follow FlexUnlock's documented scheme (in dialect a; see inferredRateHeaders)
		rateLimit(account) {
			const decision = limiter.take(ctx.config.ceksafe.rateLimit, account, { limit: cekSafeKeys[account].perMinute, windowMs: 60_000 });
			if (!decision) return {};
			const headers = rateHeadersIn(ctx.config.rateLimitHeaders, decision, ctx.clock.now()) ?? inferredRateHeaders(currentDialect(ctx.config.dialect), decision, ctx.clock.now());
			if (decision.allowed) return headers;
			rateLimited++;
			throw fail(429, 'RATE_LIMITED', 'Rate limit exceeded', headers);
		},
		// inferred: the rate limit applies before the tier gate, so a Starter key sees its
		// documented 100/min in the headers of its 403s
		admit(_req, account) {
			if (!API_TIERS.includes(cekSafeKeys[account].tier)) throw fail(403, 'TIER_REQUIRED', 'API access requires the Growth tier or above');
			return account;
		},
		router,
		// inferred: codes NOT_FOUND and METHOD_NOT_ALLOWED
		unrouted: (req, allowed) =>
			allowed.length > 0
				? fail(405, 'METHOD_NOT_ALLOWED', `Use ${allowed.join(' or ')} on ${req.path}`, { Allow: allowed.join(', ') })
				: fail(404, 'NOT_FOUND', `No endpoint at ${req.path}`),
		errorReply,
		record: log.record,
	};

	return {
		name: 'ceksafe',
		handle: servePipeline(pipeline),
		get rateLimited() {
			return rateLimited;
		},
		get requests() {
			return log.entries;
		},
		history(account) {
			return histories.get(account) ?? [];
		},
		state() {
			return {
				history: Object.fromEntries([...histories].map(([name, rows]) => [name, rows.length])),
				rateLimited,
				requestCount: log.entries.length,
			};
		},
		reset() {
			for (const [name, rows] of seedAll()) histories.set(name, rows);
			log.clear();
			rateLimited = 0;
			limiter.reset();
		},
	};
}
