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
			};
		}
		window.count++;
		return { allowed: true, headers: headers(limit - window.count) };
	}

	reset(): void {
		this.windows.clear();
		this.rejected = 0;
	}
}
