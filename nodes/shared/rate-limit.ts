/**
 * Rate-limit handling shared by the three services: header parsing and a pacer per API key that
 * keeps a bulk run under the vendor's limit instead of hammering it into 429s.
 */
import { sleep } from 'n8n-workflow';

export interface RateLimitSnapshot {
	limit?: number;
	remaining?: number;
	/** When the current window resets, ISO 8601. */
	resetAt?: string;
}

export interface RateLimitHeaders {
	limit?: number;
	remaining?: number;
	/** Epoch milliseconds. */
	resetAtMs?: number;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

function numberHeader(headers: Headers, name: string): number | undefined {
	const raw = header(headers, name);
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw);
	return Number.isFinite(value) ? value : undefined;
}

export function parseRateLimitHeaders(headers: Headers): RateLimitHeaders {
	const reset = numberHeader(headers, 'x-ratelimit-reset');
	return {
		limit: numberHeader(headers, 'x-ratelimit-limit'),
		remaining: numberHeader(headers, 'x-ratelimit-remaining'),
		// The vendors send a Unix timestamp in seconds; tolerate milliseconds too.
		resetAtMs: reset === undefined ? undefined : reset > 1e12 ? reset : reset * 1000,
	};
}

export function snapshot(parsed: RateLimitHeaders): RateLimitSnapshot | undefined {
	if (parsed.limit === undefined && parsed.remaining === undefined && parsed.resetAtMs === undefined) return undefined;
	return {
		limit: parsed.limit,
		remaining: parsed.remaining,
		resetAt: parsed.resetAtMs === undefined ? undefined : new Date(parsed.resetAtMs).toISOString(),
	};
}

/**
 * `Retry-After` is either delta-seconds or an HTTP date (RFC 9110). Falls back to the window
 * reset, then to `fallbackMs`, and never answers less than `minMs`.
 */
export function retryDelayMs(headers: Headers, now: number, fallbackMs = 1000, minMs = 250): number {
	const raw = header(headers, 'retry-after')?.trim();
	let wait: number | undefined;
	if (raw) {
		if (/^\d+(\.\d+)?$/.test(raw)) wait = Number(raw) * 1000;
		else {
			const date = Date.parse(raw);
			if (!Number.isNaN(date)) wait = date - now;
		}
	}
	if (wait === undefined) {
		const { resetAtMs } = parseRateLimitHeaders(headers);
		if (resetAtMs !== undefined) wait = resetAtMs - now;
	}
	return Math.max(minMs, wait ?? fallbackMs);
}

/** Small grace after a window's announced reset, since servers round the reset and clocks drift. */
const RESET_GRACE_MS = 50;

/**
 * Paces requests that share one API key. Before each call `acquire()` waits while the window is
 * known to be spent (remaining minus calls in flight) or while a 429's `Retry-After` is running;
 * `release()` feeds back the headers of each answer.
 */
export class Pacer {
	private remaining?: number;
	private limit?: number;
	private resetAtMs?: number;
	private blockedUntilMs = 0;
	private inFlight = 0;

	constructor(private readonly now: () => number = Date.now) {}

	async acquire(signal?: AbortSignal): Promise<void> {
		for (;;) {
			throwIfAborted(signal);
			const wait = this.waitMs();
			if (wait <= 0) break;
			await sleep(wait);
		}
		this.inFlight++;
	}

	release(parsed?: RateLimitHeaders): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (!parsed || parsed.remaining === undefined) return;
		if (parsed.limit !== undefined) this.limit = parsed.limit;
		const sameWindow = this.resetAtMs !== undefined && parsed.resetAtMs === this.resetAtMs;
		// Answers arrive out of order: within one window the smallest `remaining` is the truth.
		this.remaining = sameWindow ? Math.min(this.remaining ?? parsed.remaining, parsed.remaining) : parsed.remaining;
		if (parsed.resetAtMs !== undefined && (this.resetAtMs === undefined || parsed.resetAtMs >= this.resetAtMs)) {
			this.resetAtMs = parsed.resetAtMs;
		}
	}

	/** After a 429: nobody on this key sends before the server said it may. */
	block(ms: number): void {
		this.blockedUntilMs = Math.max(this.blockedUntilMs, this.now() + ms);
		this.remaining = 0;
	}

	private waitMs(): number {
		const now = this.now();
		if (now < this.blockedUntilMs) return this.blockedUntilMs - now;
		if (this.resetAtMs !== undefined && now >= this.resetAtMs + RESET_GRACE_MS) {
			// A new window: we know its size if the server told us the limit.
			this.remaining = this.limit;
			this.resetAtMs = undefined;
		}
		if (this.remaining === undefined) return 0;
		if (this.remaining - this.inFlight > 0) return 0;
		if (this.resetAtMs === undefined) {
			// Spent with no known reset: let one request through at a time to learn the new window.
			return this.inFlight > 0 ? 100 : 0;
		}
		return this.resetAtMs + RESET_GRACE_MS - now;
	}
}

function throwIfAborted(signal?: AbortSignal): void {
	if (signal?.aborted) throw new Error('The execution was cancelled while waiting for the rate limit');
}

const pacers = new Map<string, Pacer>();

/**
 * One pacer per credential and base URL for the whole n8n process, so concurrent items and
 * concurrent executions using the same API key share what the server said about its limit.
 */
export function pacerFor(key: string): Pacer {
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(key, pacer);
	}
	return pacer;
}
