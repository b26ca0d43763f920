/**
 * CekSafe API simulator, served under `/ceksafe/v1`.
 *
 * Documented (seed doc + API-NOTES A): Bearer API keys, API access from the Growth tier up,
 * per-tier limits per minute (Starter 100, Growth 500, Pro 1000), `POST /check {imei, type}` with
 * its response shape, the `INVALID_IMEI` / "IMEI must be 15 digits" error shape, and
 * `GET /history?page&limit&from&to` with `data.checks[]` + `data.pagination`.
 * Everything else is marked `// inferred:` (API-NOTES B or a decision made here).
 */
import { randomBytes } from 'node:crypto';
import { INVALID_JSON, Router, type SimReply, type SimRequest } from '../core/http';
import { RateLimiter } from '../core/rate-limit';
import type { SimApi } from '../core/server';
import type { RateLimitKnob } from '../config';
import { cekSafeKeys } from '../demo-credentials';
import type { SimContext } from '../index';
import { cekSafeTime, checkId, seedHistory, verdictFor, withLuhn, type CheckRecord } from './catalogue';

export { cekSafeFixtures, verdictFor, withLuhn } from './catalogue';
export type { CheckRecord, CheckStatus } from './catalogue';

type AccountName = keyof typeof cekSafeKeys;

export interface RequestLogEntry {
	at: string;
	method: string;
	path: string;
	/** Demo account name (`growth`, …) once the key was recognised. */
	account?: string;
	status: number;
}

export interface CekSafeApi extends SimApi {
	readonly name: 'ceksafe';
	/** 429s answered since start or the last reset. */
	readonly rateLimited: number;
	/** Every request answered (newest last, capped at 10,000). */
	readonly requests: readonly RequestLogEntry[];
	/** A demo account's check history, oldest first. */
	history(account: AccountName): readonly CheckRecord[];
}

const MAX_LOG = 10_000;
const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

const accountsByKey = new Map<string, AccountName>(
	(Object.keys(cekSafeKeys) as AccountName[]).map((name) => [cekSafeKeys[name].key, name]),
);

/** The documented tier gate: API access from Growth up. */
const API_TIERS: readonly string[] = ['Growth', 'Pro'];

const failure = (status: number, code: string, message: string, headers?: Record<string, string>): SimReply => ({
	status,
	body: { success: false, error: { code, message } },
	headers,
});

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses `YYYY-MM-DD` to the UTC midnight of that calendar day, or `undefined` if it is not one. */
function parseDay(value: string): number | undefined {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	const ms = Date.parse(`${value}T00:00:00Z`);
	if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return undefined;
	return ms;
}

function seedFor(account: AccountName): CheckRecord[] {
	// The doc's history example shows total 150; the Growth demo key has 150 checks across March 2026.
	if (account === 'growth') return seedHistory(2026_03, 150, Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1));
	if (account === 'pro') return seedHistory(2026_02, 12, Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1));
	return [];
}

export function createCekSafeApi(ctx: SimContext): CekSafeApi {
	const limiter = new RateLimiter({ limit: 500, windowMs: 60_000 }, () => ctx.now());
	let limiterSignature = '';
	let histories = new Map<AccountName, CheckRecord[]>();
	let requests: RequestLogEntry[] = [];
	let rateLimited = 0;

	const randomId = () => {
		const bytes = randomBytes(8);
		let index = 0;
		return checkId(() => bytes[index++ % bytes.length] / 256);
	};

	function seed(): void {
		histories = new Map((Object.keys(cekSafeKeys) as AccountName[]).map((name) => [name, seedFor(name)]));
		requests = [];
		rateLimited = 0;
		limiter.reset();
		limiterSignature = '';
	}

	function rateLimit(account: AccountName): { headers: Record<string, string>; reject?: SimReply } {
		const knob: RateLimitKnob = ctx.config.ceksafe.rateLimit;
		if (knob.mode === 'off') return { headers: {} };
		const signature = `${knob.mode}:${knob.limit}:${knob.windowMs}`;
		if (signature !== limiterSignature) {
			limiter.reset();
			limiterSignature = signature;
		}
		limiter.config =
			knob.mode === 'plan'
				? { limit: cekSafeKeys[account].perMinute, windowMs: 60_000 }
				: { limit: knob.limit, windowMs: knob.windowMs };
		const decision = limiter.take(account);
		// inferred: CekSafe documents only the limits; the X-RateLimit-* headers and Retry-After
		// follow FlexUnlock's documented scheme
		if (decision.allowed) return { headers: decision.headers };
		rateLimited++;
		return { headers: decision.headers, reject: failure(429, 'RATE_LIMITED', 'Rate limit exceeded', decision.headers) };
	}

	type Handler = (req: SimRequest, account: AccountName) => SimReply;

	const check: Handler = (req, account) => {
		// inferred: unparsable or non-object bodies answer 400 INVALID_REQUEST
		if (req.body === INVALID_JSON) return failure(400, 'INVALID_REQUEST', 'Request body must be valid JSON');
		const body = req.body === undefined ? {} : req.body;
		if (!isObject(body)) return failure(400, 'INVALID_REQUEST', 'Request body must be a JSON object');
		// inferred: the IMEI must be a JSON string (a number would lose leading zeros)
		if (typeof body.imei !== 'string' || !/^\d{15}$/.test(body.imei)) {
			return failure(400, 'INVALID_IMEI', 'IMEI must be 15 digits');
		}
		const imei = body.imei;
		// inferred: a wrong Luhn check digit is rejected the same way, with its own message
		if (withLuhn(imei.slice(0, 14)) !== imei) return failure(400, 'INVALID_IMEI', 'IMEI check digit is invalid');
		// inferred: `type` is required; anything but "basic" or "total" is 400 INVALID_TYPE
		if (body.type !== 'basic' && body.type !== 'total') {
			return failure(400, 'INVALID_TYPE', 'type must be "basic" or "total"');
		}
		const verdict = verdictFor(imei);
		const record: CheckRecord = {
			id: randomId(),
			imei,
			status: verdict.status,
			type: body.type,
			checked_at: cekSafeTime(ctx.now()),
		};
		histories.get(account)!.push(record);
		const data: Record<string, unknown> = {
			imei,
			status: verdict.status,
			blacklist: verdict.blacklist,
			// Always true: malformed IMEIs are answered 400 before any check.
			valid_format: true,
			device: verdict.device,
		};
		// inferred: a "basic" check has no risk analysis and no certificate; "total" has both
		if (body.type === 'total') {
			data.risk_analysis = verdict.risk;
			// inferred: one certificate per check, on the doc's host
			data.certificate_url = `https://ceksafe.com/v/${record.id.slice(4)}`;
		}
		data.checked_at = record.checked_at;
		return { status: 200, body: { success: true, data } };
	};

	const history: Handler = (req, account) => {
		const q = req.query;
		// inferred: an empty parameter counts as absent
		const param = (name: string) => {
			const value = q.get(name);
			return value === null || value === '' ? undefined : value;
		};
		const pageText = param('page');
		const limitText = param('limit');
		const page = pageText === undefined ? 1 : /^\d+$/.test(pageText) ? Number(pageText) : NaN;
		const limit = limitText === undefined ? DEFAULT_PAGE_SIZE : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
		// inferred: code INVALID_PARAMETER for bad page/limit; limit over 100 is an error, not clamped
		if (!Number.isSafeInteger(page) || page < 1) {
			return failure(400, 'INVALID_PARAMETER', 'page must be a positive integer');
		}
		if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
			return failure(400, 'INVALID_PARAMETER', `limit must be an integer between 1 and ${MAX_PAGE_SIZE}`);
		}
		const fromText = param('from');
		const toText = param('to');
		const from = fromText === undefined ? undefined : parseDay(fromText);
		const to = toText === undefined ? undefined : parseDay(toText);
		// inferred: code INVALID_DATE for unparsable dates and for from after to
		if (fromText !== undefined && from === undefined) return failure(400, 'INVALID_DATE', 'from must be a date (YYYY-MM-DD)');
		if (toText !== undefined && to === undefined) return failure(400, 'INVALID_DATE', 'to must be a date (YYYY-MM-DD)');
		if (from !== undefined && to !== undefined && from > to) {
			return failure(400, 'INVALID_DATE', 'from must not be after to');
		}
		// inferred: from/to are inclusive calendar days in UTC
		const toExclusive = to === undefined ? undefined : to + 86_400_000;
		const rows = histories
			.get(account)!
			.map((row, index) => ({ row, index, time: Date.parse(row.checked_at) }))
			.filter(({ time }) => (from === undefined || time >= from) && (toExclusive === undefined || time < toExclusive))
			.sort((a, b) => b.time - a.time || b.index - a.index)
			.map(({ row }) => row);
		const total = rows.length;
		return {
			status: 200,
			body: {
				success: true,
				data: {
					checks: rows.slice((page - 1) * limit, page * limit).map((row) => ({ ...row })),
					// inferred: pages is 0 when there is nothing; a page past the end is empty, not an error
					pagination: { page, limit, total, pages: Math.ceil(total / limit) },
				},
			},
		};
	};

	const router = new Router();
	type AuthedRequest = SimRequest & { account: AccountName };
	const routes: Array<[Parameters<Router['on']>[0], string, Handler]> = [
		['POST', '/check', check],
		['GET', '/history', history],
	];
	for (const [method, path, handler] of routes) {
		router.on(method, path, (req) => handler(req, (req as AuthedRequest).account));
	}

	async function route(req: SimRequest, account: AccountName): Promise<SimReply> {
		const found = router.match(req.method, req.path);
		if (!found.handler) {
			// inferred: codes NOT_FOUND and METHOD_NOT_ALLOWED
			if (found.allowed.length > 0) {
				return failure(405, 'METHOD_NOT_ALLOWED', `Use ${found.allowed.join(' or ')} on ${req.path}`, {
					Allow: found.allowed.join(', '),
				});
			}
			return failure(404, 'NOT_FOUND', `No endpoint at ${req.path}`);
		}
		const authed: AuthedRequest = { ...req, params: found.params, account };
		return found.handler(authed);
	}

	function log(req: SimRequest, status: number, account?: string): void {
		requests.push({ at: new Date(ctx.now()).toISOString(), method: req.method, path: req.path, account, status });
		if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
	}

	seed();

	return {
		name: 'ceksafe',
		get rateLimited() {
			return rateLimited;
		},
		get requests() {
			return requests;
		},
		history(account) {
			return histories.get(account) ?? [];
		},

		async handle(req) {
			const match = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
			const account = match ? accountsByKey.get(match[1]) : undefined;
			if (!account) {
				// inferred: message text; no rate-limit headers without a recognised key
				const out = failure(401, 'UNAUTHORIZED', 'Missing or invalid API key');
				log(req, out.status);
				return out;
			}
			// inferred: the rate limit applies before the tier gate, so a Starter key sees its
			// documented 100/min in the headers of its 403s
			const limit = rateLimit(account);
			let out: SimReply;
			if (limit.reject) out = limit.reject;
			else if (!API_TIERS.includes(cekSafeKeys[account].tier)) {
				out = failure(403, 'TIER_REQUIRED', 'API access requires the Growth tier or above');
			} else out = await route(req, account);
			out.headers = { ...limit.headers, ...(out.headers ?? {}) };
			log(req, out.status, account);
			return out;
		},

		state() {
			return {
				history: Object.fromEntries([...histories].map(([name, rows]) => [name, rows.length])),
				rateLimited,
				requestCount: requests.length,
			};
		},

		reset() {
			seed();
		},
	};
}
