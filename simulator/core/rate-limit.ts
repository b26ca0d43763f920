/**
 * Fixed-window rate limiter per API key, answering with the `X-RateLimit-*` headers the
 * FlexUnlock doc shows (Reset as a Unix timestamp in seconds) and `Retry-After` in whole seconds.
 */
export interface RateLimitConfig {
	/** Requests allowed per window; 0 or Infinity disables the limit. */
	limit: number;
	windowMs: number;
}

export interface RateDecision {
	allowed: boolean;
	headers: Record<string, string>;
	retryAfterSeconds?: number;
	/** When the caller's window ends (epoch ms, unrounded); absent when no limit applies. */
	resetAtMs?: number;
	/** The window's length (ms); absent when no limit applies. */
	windowMs?: number;
}

interface Window {
	startedAt: number;
	count: number;
}

export class RateLimiter {
	private readonly windows = new Map<string, Window>();
	/** Every 429 this limiter answered, for tests and benchmarks. */
	rejected = 0;

	constructor(
		public config: RateLimitConfig,
		private readonly now: () => number = Date.now,
	) {}

	take(key: string, limitOverride?: number): RateDecision {
		const limit = limitOverride ?? this.config.limit;
		if (!limit || !Number.isFinite(limit)) return { allowed: true, headers: {} };
		const now = this.now();
		let window = this.windows.get(key);
		if (!window || now - window.startedAt >= this.config.windowMs) {
			window = { startedAt: now, count: 0 };
			this.windows.set(key, window);
		}
		const resetAtMs = window.startedAt + this.config.windowMs;
		const headers = (remaining: number) => ({
			'X-RateLimit-Limit': String(limit),
			'X-RateLimit-Remaining': String(Math.max(0, remaining)),
			'X-RateLimit-Reset': String(Math.ceil(resetAtMs / 1000)),
		});
		if (window.count >= limit) {
			this.rejected++;
			const retryAfterSeconds = Math.max(1, Math.ceil((resetAtMs - now) / 1000));
			return {
				allowed: false,
				retryAfterSeconds,
				headers: { ...headers(0), 'Retry-After': String(retryAfterSeconds) },
				resetAtMs,
				windowMs: this.config.windowMs,
			};
		}
		window.count++;
		return { allowed: true, headers: headers(limit - window.count), resetAtMs, windowMs: this.config.windowMs };
	}

	reset(): void {
		this.windows.clear();
		this.rejected = 0;
	}
}

/** The simulator's rate-limit knob (`SimConfig.<api>.rateLimit`); see `config.ts`. */
export interface LimitKnob {
	mode: 'plan' | 'fixed' | 'off';
	limit: number;
	windowMs: number;
}

/**
 * A limiter driven by a knob that may change at run time: a changed knob starts fresh windows
 * (the 429 count survives). `plan` mode uses the caller's plan limit, `fixed` the knob's.
 */
export class KnobLimiter {
	private signature = '';
	readonly limiter: RateLimiter;

	constructor(now: () => number) {
		this.limiter = new RateLimiter({ limit: 0, windowMs: 60_000 }, now);
	}

	/** True when the knob changed since the last call (the windows were reset). */
	follow(knob: LimitKnob): boolean {
		const signature = `${knob.mode}:${knob.limit}:${knob.windowMs}`;
		if (signature === this.signature) return false;
		this.limiter.reset();
		this.signature = signature;
		return true;
	}

	/** Counts one request of `key`; undefined when the knob is off. */
	take(knob: LimitKnob, key: string, plan: RateLimitConfig): RateDecision | undefined {
		if (knob.mode === 'off') return undefined;
		this.follow(knob);
		this.limiter.config = knob.mode === 'plan' ? plan : { limit: knob.limit, windowMs: knob.windowMs };
		return this.limiter.take(key);
	}

	reset(): void {
		this.limiter.reset();
		this.signature = '';
	}
}

/**
 * The rate-limit header form every API answers in (`SimConfig.rateLimitHeaders`), to play the forms
 * other servers use: `dialect` keeps each API's own (FlexUnlock's documented `X-RateLimit-*`, the
 * inferred ones by dialect); the others replace them in every API and dialect.
 * - `x-ratelimit-ms`: `X-RateLimit-Reset` as epoch milliseconds
 * - `x-ratelimit-date`: `X-RateLimit-Reset` and a 429's `Retry-After` as HTTP dates
 * - `ietf`: `RateLimit-Policy: "default";q=100;w=60` and `RateLimit: "default";r=50;t=30`
 *   (draft-ietf-httpapi-ratelimit-headers, current form)
 * - `ietf-dictionary`: `RateLimit: limit=100, remaining=50, reset=30` and `RateLimit-Policy: 100;w=60` (earlier drafts)
 * - `ratelimit-split`: `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds left; the first drafts)
 */
export const RATE_HEADER_FORMS = ['dialect', 'x-ratelimit-ms', 'x-ratelimit-date', 'ietf', 'ietf-dictionary', 'ratelimit-split'] as const;
export type RateHeaderForm = (typeof RATE_HEADER_FORMS)[number];

export function isRateHeaderForm(value: unknown): value is RateHeaderForm {
	return (RATE_HEADER_FORMS as readonly unknown[]).includes(value);
}

/** A decision's headers in `form`; undefined for `dialect` (the API's own headers stand). */
export function rateHeadersIn(form: RateHeaderForm, decision: RateDecision, now: number): Record<string, string> | undefined {
	if (form === 'dialect' || decision.resetAtMs === undefined) return undefined;
	const limit = decision.headers['X-RateLimit-Limit'];
	const remaining = decision.headers['X-RateLimit-Remaining'];
	const resetAtMs = decision.resetAtMs;
	// seconds left, rounded up: never announces the window open early
	const secondsLeft = String(Math.max(0, Math.ceil((resetAtMs - now) / 1000)));
	const windowSeconds = String(Math.ceil((decision.windowMs ?? 60_000) / 1000));
	const httpDate = new Date(Math.ceil(resetAtMs / 1000) * 1000).toUTCString();
	const retryAfter: Record<string, string> = decision.allowed ? {} : { 'Retry-After': form === 'x-ratelimit-date' ? httpDate : String(decision.retryAfterSeconds) };
	const family: Record<Exclude<RateHeaderForm, 'dialect'>, Record<string, string>> = {
		'x-ratelimit-ms': { 'X-RateLimit-Limit': limit, 'X-RateLimit-Remaining': remaining, 'X-RateLimit-Reset': String(resetAtMs) },
		'x-ratelimit-date': { 'X-RateLimit-Limit': limit, 'X-RateLimit-Remaining': remaining, 'X-RateLimit-Reset': httpDate },
		ietf: { 'RateLimit-Policy': `"default";q=${limit};w=${windowSeconds}`, RateLimit: `"default";r=${remaining};t=${secondsLeft}` },
		'ietf-dictionary': { 'RateLimit-Policy': `${limit};w=${windowSeconds}`, RateLimit: `limit=${limit}, remaining=${remaining}, reset=${secondsLeft}` },
		'ratelimit-split': { 'RateLimit-Limit': limit, 'RateLimit-Remaining': remaining, 'RateLimit-Reset': secondsLeft },
	};
	return { ...family[form], ...retryAfter };
}
