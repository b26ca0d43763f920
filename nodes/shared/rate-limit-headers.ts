/**
 * Rate-limit headers in every common form (the vendors' documented `X-RateLimit-*`, the IETF
 * `RateLimit`/`RateLimit-Policy` fields, `RateLimit-Limit/-Remaining/-Reset`, `Retry-After`), read
 * once for the pacer (rate-limit.ts), Include Rate Limit Info and the transport's 429 handling.
 */
export interface RateLimitSnapshot {
	limit?: number;
	remaining?: number;
	/** When the current window resets, ISO 8601. */
	resetAt?: string;
	/** Rate-limit headers the server sent that this node could not read (name: value), so nothing is silently dropped. */
	unreadHeaders?: Record<string, string>;
}

/** The header families read, most specific first. */
export type RateLimitSource = 'X-RateLimit-*' | 'RateLimit' | 'RateLimit-Limit/-Remaining/-Reset';

export interface RateLimitHeaders {
	limit?: number;
	remaining?: number;
	/** Epoch milliseconds. */
	resetAtMs?: number;
	/** The reset came as seconds left: placed on this clock, so only to within a second (and the latency). */
	resetFromSecondsLeft?: boolean;
	source?: RateLimitSource;
	/** Rate-limit headers present but not readable (name as sent: value). */
	unread?: Record<string, string>;
}

type Headers = Record<string, string | string[] | undefined>;

/** A header's name as sent and its value, whatever the case of its name (Node lowercases them; other callers may not). */
function headerEntry(headers: Headers, name: string): [string, string] | undefined {
	const wanted = name.toLowerCase();
	const key = name in headers ? name : wanted in headers ? wanted : Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
	const value = key === undefined ? undefined : headers[key];
	if (value === undefined) return undefined;
	return [key!, Array.isArray(value) ? value.join(', ') : value];
}

const header = (headers: Headers, name: string): string | undefined => headerEntry(headers, name)?.[1];

/** A non-negative number, or the first integer of a list (`RateLimit-Limit: 100, 100;w=60` of early drafts). */
function leadingNumber(raw: string | undefined): number | undefined {
	const text = raw?.trim();
	if (!text) return undefined;
	const value = Number(text.split(/[,;]/)[0].trim());
	return Number.isFinite(value) && text.split(/[,;]/)[0].trim() !== '' ? value : undefined;
}

/** Below this a reset value cannot be a Unix timestamp (it would be before 2001): it is delta-seconds. */
const EPOCH_SECONDS_FLOOR = 1e9;

/**
 * A reset: epoch seconds (the vendors' documented form), epoch milliseconds, or an HTTP date;
 * inferred: also the seconds left until the reset (what servers that follow the IETF drafts send).
 */
function readReset(raw: string | undefined, now: number): { resetAtMs: number; secondsLeft: boolean } | undefined {
	const value = leadingNumber(raw);
	if (value === undefined) {
		const date = raw && /[a-z]/i.test(raw) ? Date.parse(raw) : Number.NaN;
		return Number.isNaN(date) ? undefined : { resetAtMs: date, secondsLeft: false };
	}
	if (value > 1e12) return { resetAtMs: value, secondsLeft: false };
	if (value >= EPOCH_SECONDS_FLOOR) return { resetAtMs: value * 1000, secondsLeft: false };
	return value >= 0 ? { resetAtMs: now + value * 1000, secondsLeft: true } : undefined;
}

/** One member of a structured-field list or dictionary: its item (or key=value) and its `;key=value` parameters. */
interface Member {
	item: string;
	value?: string;
	params: Record<string, string>;
}

/** Splits on `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
	const parts: string[] = [];
	let current = '';
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		if (char === separator && !quoted) {
			parts.push(current);
			current = '';
		} else current += char;
	}
	parts.push(current);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

const unquote = (text: string): string => text.trim().replace(/^"(.*)"$/, '$1');

/** A structured field (RFC 8941) list or dictionary, read loosely: `"default";r=50;t=30, …` or `limit=100, remaining=50`. */
function structuredMembers(raw: string): Member[] {
	return splitOutsideQuotes(raw, ',').map((member) => {
		const [head, ...params] = splitOutsideQuotes(member, ';');
		const [item, value] = head.includes('=') && !head.startsWith('"') ? head.split('=', 2).map((part) => part.trim()) : [head, undefined];
		const parsed = Object.fromEntries(params.map((param) => param.split('=', 2).map((part) => unquote(part))).map(([key, val]) => [key.toLowerCase(), val ?? '']));
		return { item: unquote(item), value: value === undefined ? undefined : unquote(value), params: parsed };
	});
}

const integerOf = (text: string | undefined): number | undefined => (text !== undefined && /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

/**
 * The IETF `RateLimit` field with `RateLimit-Policy` (draft-ietf-httpapi-ratelimit-headers):
 * the current form `RateLimit: "default";r=50;t=30` with `RateLimit-Policy: "default";q=100;w=60`
 * (drafts up to 08 wrote `l=` for the quota and unquoted names), and the earlier dictionary form
 * `RateLimit: limit=100, remaining=50, reset=30` with `RateLimit-Policy: 100;w=60`. Of several
 * policies, the one with the least room left is the one that limits. `t`/`reset` are seconds left.
 */
function readIetf(rateLimit: string, policy: string | undefined): { limit?: number; remaining?: number; resetSeconds?: number } | undefined {
	const members = structuredMembers(rateLimit);
	const dictionary = Object.fromEntries(members.filter((member) => member.value !== undefined).map((member) => [member.item.toLowerCase(), member.value!]));
	const policies = policy ? structuredMembers(policy) : [];
	if ('remaining' in dictionary || 'limit' in dictionary) {
		return {
			limit: integerOf(dictionary.limit) ?? (policies.length > 0 ? integerOf(policies[0].item) : undefined),
			remaining: integerOf(dictionary.remaining),
			resetSeconds: integerOf(dictionary.reset),
		};
	}
	const counters = members.filter((member) => integerOf(member.params.r) !== undefined);
	if (counters.length === 0) return undefined;
	const tightest = counters.reduce((least, member) => (integerOf(member.params.r)! < integerOf(least.params.r)! ? member : least));
	const ownPolicy = policies.find((candidate) => candidate.item === tightest.item) ?? (policies.length === 1 ? policies[0] : undefined);
	return {
		limit: ownPolicy ? (integerOf(ownPolicy.params.q) ?? integerOf(ownPolicy.params.l) ?? integerOf(ownPolicy.item)) : undefined,
		remaining: integerOf(tightest.params.r),
		resetSeconds: integerOf(tightest.params.t),
	};
}

/** Header names that carry rate-limit information, to name those this reader could not read. */
const RATE_LIMIT_HEADER = /^(x-)?rate-?limit/i;

/**
 * The rate-limit state an answer announces, in any common form: the `X-RateLimit-Limit/-Remaining/-Reset`
 * family the vendors document (reset as epoch seconds, epoch ms, an HTTP date, or seconds left), the
 * IETF `RateLimit` + `RateLimit-Policy` fields, and their older `RateLimit-Limit/-Remaining/-Reset`
 * spelling. inferred: the vendors document only the first; the others are what other servers send.
 * Rate-limit headers present but unreadable are listed in `unread`.
 */
export function parseRateLimitHeaders(headers: Headers, now: number = Date.now()): RateLimitHeaders {
	const families: Array<{ source: RateLimitSource; read: () => { limit?: number; remaining?: number; reset?: ReturnType<typeof readReset> } | undefined }> = [
		{
			source: 'X-RateLimit-*',
			read: () => {
				const [limit, remaining, reset] = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'].map((name) => header(headers, name));
				if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
				return { limit: leadingNumber(limit), remaining: leadingNumber(remaining), reset: readReset(reset, now) };
			},
		},
		{
			source: 'RateLimit',
			read: () => {
				const raw = header(headers, 'ratelimit');
				const ietf = raw === undefined ? undefined : readIetf(raw, header(headers, 'ratelimit-policy'));
				if (!ietf) return undefined;
				return { limit: ietf.limit, remaining: ietf.remaining, reset: ietf.resetSeconds === undefined ? undefined : { resetAtMs: now + ietf.resetSeconds * 1000, secondsLeft: true } };
			},
		},
		{
			source: 'RateLimit-Limit/-Remaining/-Reset',
			read: () => {
				const [limit, remaining, reset] = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'].map((name) => header(headers, name));
				if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
				return { limit: leadingNumber(limit), remaining: leadingNumber(remaining), reset: readReset(reset, now) };
			},
		},
	];
	const found = families.map((family) => ({ source: family.source, value: family.read() })).find(({ value }) => value && (value.limit !== undefined || value.remaining !== undefined || value.reset !== undefined));
	const parsed: RateLimitHeaders = found?.value
		? {
				limit: found.value.limit,
				remaining: found.value.remaining,
				resetAtMs: found.value.reset?.resetAtMs,
				...(found.value.reset?.secondsLeft ? { resetFromSecondsLeft: true } : {}),
				source: found.source,
			}
		: {};
	const unread = unreadRateHeaders(headers, parsed);
	return unread ? { ...parsed, unread } : parsed;
}

/** Rate-limit headers whose numbers did not make it into `parsed`: all of them when nothing was read. */
function unreadRateHeaders(headers: Headers, parsed: RateLimitHeaders): Record<string, string> | undefined {
	if (parsed.source !== undefined) return undefined;
	const seen = Object.keys(headers).filter((name) => RATE_LIMIT_HEADER.test(name) && headers[name] !== undefined);
	if (seen.length === 0) return undefined;
	return Object.fromEntries(seen.map((name) => headerEntry(headers, name)!));
}

export function snapshot(parsed: RateLimitHeaders): RateLimitSnapshot | undefined {
	if (parsed.limit === undefined && parsed.remaining === undefined && parsed.resetAtMs === undefined) {
		return parsed.unread ? { unreadHeaders: parsed.unread } : undefined;
	}
	return {
		limit: parsed.limit,
		remaining: parsed.remaining,
		resetAt: parsed.resetAtMs === undefined ? undefined : new Date(parsed.resetAtMs).toISOString(),
	};
}

/** How a `Retry-After` was written: whole seconds (the vendors' reading), fractional seconds, or an HTTP date. */
export type RetryAfterForm = 'seconds' | 'fractional seconds' | 'HTTP date';

/**
 * A `Retry-After` value: delta-seconds or an HTTP date (RFC 9110); fractional seconds are read too.
 * inferred: the vendors send whole seconds (API-NOTES). Undefined when it is neither.
 */
export function readRetryAfter(raw: string | null | undefined, now: number): { form: RetryAfterForm; waitMs: number } | undefined {
	const text = raw?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return { form: 'seconds', waitMs: Number(text) * 1000 };
	if (/^\d+\.\d+$/.test(text)) return { form: 'fractional seconds', waitMs: Number(text) * 1000 };
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : { form: 'HTTP date', waitMs: date - now };
}

/**
 * `Retry-After` is either delta-seconds or an HTTP date (RFC 9110). Falls back to the window
 * reset, then to `fallbackMs`, and never answers less than `minMs`.
 */
export function retryDelayMs(headers: Headers, now: number, fallbackMs = 1000, minMs = 250): number {
	let wait = readRetryAfter(header(headers, 'retry-after'), now)?.waitMs;
	if (wait === undefined) {
		const { resetAtMs } = parseRateLimitHeaders(headers, now);
		if (resetAtMs !== undefined) wait = resetAtMs - now;
	}
	return Math.max(minMs, wait ?? fallbackMs);
}
