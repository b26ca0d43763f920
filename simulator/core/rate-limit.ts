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
			};
		}
		window.count++;
		return { allowed: true, headers: headers(limit - window.count), resetAtMs };
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
