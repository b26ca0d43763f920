/**
 * The pacer shared by the three services: one per API key, it keeps a bulk run under the vendor's
 * limit instead of hammering it into 429s (the headers it reads: rate-limit-headers.ts).
 */
import { sleep } from 'n8n-workflow';
import type { RateLimitHeaders } from './rate-limit-headers';

/**
 * Two resets sent as seconds left that are this close may name the same window: each is rounded up to a
 * whole second and placed on this clock when its answer arrives.
 */
const SECONDS_LEFT_SLACK_MS = 1250;
/** Small grace after a window's announced reset, since servers round the reset and clocks drift. */
const RESET_GRACE_MS = 50;
/** Grace after a reset the pacer worked out itself (measured on its own clock, so it can be small). */
const PREDICTED_GRACE_MS = 10;
/** Longest single sleep, so a cancelled execution stops waiting soon and no long timer is left behind. */
const SLEEP_SLICE_MS = 1000;

/** One request let through by `acquire()`; hand it back to `release()` / `block()`. */
export interface PacerTicket {
	/** When the request was let through (epoch ms). */
	readonly sentAt: number;
	/** Sent alone: the first request on the key, or the test of a predicted reset. */
	readonly probe: boolean;
	/** Sent alone to find out whether a window the pacer predicted to have reset really has. */
	readonly predicted: boolean;
}

/** `acquire()` would have to wait longer than the caller allows. */
export class RateLimitWaitError extends Error {
	constructor(
		/** When the pacer expects the server to accept requests again (epoch ms). */
		readonly resumeAtMs: number,
	) {
		super(`The rate limit allows the next request at ${new Date(resumeAtMs).toISOString()}`);
		this.name = 'RateLimitWaitError';
	}
}

export interface AcquireOptions {
	signal?: AbortSignal;
	/** Throw `RateLimitWaitError` instead of waiting longer than this. */
	maxWaitMs?: number;
}

/** What the pacer knows about the server's current window. */
interface WindowState {
	/** The announced reset (epoch ms, whole seconds on the wire); undefined if the server sends none. */
	resetAtMs?: number;
	/** Smallest `remaining` answered in this window (answers arrive out of order). */
	remaining: number;
	/** Answers to this pacer's requests counted in this window. */
	ours: number;
	/** Earliest send time of a request answered in this window: the window cannot have started before... */
	earliestSentAt: number;
	/** ...and earliest answer: the window had started by then. */
	earliestAnsweredAt: number;
	/** Some answer said `limit - 1`: it was the window's first request, so one of ours opened it. */
	openedByUs: boolean;
	/** The announced reset has passed: assume a fresh window of `limit` until an answer says otherwise. */
	lapsed: boolean;
	/**
	 * A 429 spent the window until this time (its Retry-After). From then on the server's answers
	 * are the truth again, even if they show room under the same announced reset.
	 */
	spentUntilMs?: number;
}

/**
 * Paces requests that share one API key. Before each call `acquire()` waits while the window is
 * known to be spent (remaining minus calls in flight) or while a 429's `Retry-After` is running;
 * `release()` feeds back the headers of each answer.
 *
 * `X-RateLimit-Reset` comes in whole seconds, so the announced reset can be up to a second after
 * the real one; waiting for it would lose up to half of a short window. Fixed windows that open
 * with their first request (as the simulated vendors' do) reset exactly one window length after
 * that request, so the pacer learns the window length from the windows it opened itself and,
 * once the current window should have reset, sends one probe request. If the probe lands in a new
 * window the others follow at once; if it does not (the server counts differently), the pacer
 * stops predicting and waits for the announced reset from then on. A wrong prediction thus costs
 * at most one 429 over the pacer's life.
 */
export class Pacer {
	private limit?: number;
	private window?: WindowState;
	private blockedUntilMs = 0;
	private inFlight = 0;
	/** Resolves when the probe in flight is answered. */
	private probe?: { done: Promise<void>; finish: () => void };
	/** Upper bound of the window length, from windows this pacer opened (min over them). */
	private windowMsAtMost?: number;
	/** Lower bound of the window length (max over them), to reject a wrong whole-second guess. */
	private windowMsAtLeast?: number;
	private predicting = true;
	/** Some answer came back: until then one request goes alone, so a burst cannot overshoot an unknown limit. */
	private answered = false;

	constructor(private readonly now: () => number = () => Date.now()) {}

	async acquire(signalOrOptions?: AbortSignal | AcquireOptions): Promise<PacerTicket> {
		const options: AcquireOptions =
			signalOrOptions && 'aborted' in signalOrOptions ? { signal: signalOrOptions } : ((signalOrOptions as AcquireOptions | undefined) ?? {});
		for (;;) {
			throwIfAborted(options.signal);
			const next = this.next();
			if (next === 'go' || next === 'probe' || next === 'predictedProbe') {
				this.inFlight++;
				const probe = next !== 'go';
				if (probe) {
					let finish = () => {};
					const done = new Promise<void>((resolve) => (finish = resolve));
					this.probe = { done, finish };
				}
				return { sentAt: this.now(), probe, predicted: next === 'predictedProbe' };
			}
			if (next === 'awaitProbe') {
				await this.probe?.done;
				continue;
			}
			if (options.maxWaitMs !== undefined && next > options.maxWaitMs) {
				throw new RateLimitWaitError(this.now() + next);
			}
			await sleep(Math.min(next, SLEEP_SLICE_MS));
		}
	}

	/**
	 * After each attempt: the answer's rate-limit headers (none after a connection error), its
	 * ticket, and whether the answer was a 429.
	 */
	release(parsed?: RateLimitHeaders, ticket?: PacerTicket, rejected = false): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		const answeredAt = this.now();
		if (ticket?.probe) this.endProbe();
		const wasPredicted = ticket?.predicted === true;
		if (parsed) this.answered = true;
		if (!parsed || parsed.remaining === undefined) return;
		const sentAt = ticket?.sentAt ?? answeredAt;
		// A different limit is a different window (plan change, another kind of limit): what was
		// learned about the old one no longer holds.
		const limitChanged = parsed.limit !== undefined && this.limit !== undefined && parsed.limit !== this.limit;
		if (parsed.limit !== undefined) this.limit = parsed.limit;
		const openedByUs = this.limit !== undefined && parsed.remaining === this.limit - 1;
		const current = this.window;
		const fresh = (): WindowState => ({
			resetAtMs: parsed.resetAtMs,
			remaining: parsed.remaining!,
			ours: rejected ? 0 : 1,
			earliestSentAt: sentAt,
			earliestAnsweredAt: answeredAt,
			openedByUs,
			lapsed: false,
		});

		if (limitChanged) {
			this.forgetWindowLength();
			this.window = fresh();
			return;
		}
		if (!current || current.resetAtMs === undefined || parsed.resetAtMs === undefined) {
			// No window identity to compare: the newest answer is the best we know.
			if (wasPredicted && current && parsed.remaining <= current.remaining) this.predicting = false;
			this.window = fresh();
			return;
		}
		const slack = parsed.resetFromSecondsLeft ? SECONDS_LEFT_SLACK_MS : 0;
		const sameReset = Math.abs(parsed.resetAtMs - current.resetAtMs) <= slack;
		const newer =
			(!sameReset && parsed.resetAtMs > current.resetAtMs) ||
			// A probe went out alone, so more room under the same announced reset means a new window
			// (windows shorter than the reset's one-second resolution).
			(wasPredicted && sameReset && parsed.remaining > current.remaining) ||
			// Resets known only to a second cannot tell consecutive short windows apart; a window's first
			// request can, when it was sent after this window was seen (a fixed window counts from it).
			(slack > 0 && openedByUs && parsed.remaining > current.remaining && sentAt >= current.earliestAnsweredAt);
		if (newer) {
			this.learn(current);
			this.window = fresh();
			return;
		}
		if (!sameReset && parsed.resetAtMs < current.resetAtMs) {
			// An earlier reset is either a late answer from an older window (sent before this window
			// was seen) or the server's newest truth: a 429, or an answer to a request sent after this
			// window was known (plan change, sliding window, clock skew). The truth replaces what was learned.
			if (!rejected && sentAt < current.earliestAnsweredAt) return;
			this.forgetWindowLength();
			this.window = fresh();
			return;
		}
		// The same window: of resets placed on this clock, the earliest is the closest to the true one.
		current.resetAtMs = Math.min(current.resetAtMs, parsed.resetAtMs);
		if (current.spentUntilMs !== undefined && sentAt >= current.spentUntilMs) {
			// Sent after the 429's Retry-After: the server's count replaces the zero the 429 left.
			current.remaining = parsed.remaining;
			current.spentUntilMs = undefined;
		}
		if (wasPredicted) {
			// The predicted reset had not happened: stop predicting for this key.
			this.predicting = false;
		}
		// A 429 used none of the window.
		const counted = rejected ? 0 : 1;
		current.ours = current.lapsed ? counted : current.ours + counted;
		current.remaining = current.lapsed ? parsed.remaining : Math.min(current.remaining, parsed.remaining);
		current.lapsed = false;
		current.earliestSentAt = Math.min(current.earliestSentAt, sentAt);
		current.earliestAnsweredAt = Math.min(current.earliestAnsweredAt, answeredAt);
		current.openedByUs ||= openedByUs;
	}

	/**
	 * After a 429: nobody on this key sends before the server said it may. The Retry-After wins
	 * over any reset the pacer learned or predicted: once it has passed, one request goes to find
	 * out the server's window, instead of waiting for a reset that may be stale.
	 */
	block(ms: number, ticket?: PacerTicket): void {
		this.blockedUntilMs = Math.max(this.blockedUntilMs, this.now() + ms);
		if (ticket?.predicted) this.predicting = false;
		if (this.window) {
			this.window.remaining = 0;
			this.window.lapsed = false;
			this.window.spentUntilMs = this.blockedUntilMs;
		}
	}

	private forgetWindowLength(): void {
		this.windowMsAtMost = undefined;
		this.windowMsAtLeast = undefined;
		this.predicting = true;
	}

	private endProbe(): void {
		const probe = this.probe;
		this.probe = undefined;
		probe?.finish();
	}

	/**
	 * How much of the window's `remaining` this pacer may use. Other processes on the same key (n8n
	 * workers in queue mode) show only in the server's count: when the window used more than this
	 * pacer's answered and in-flight requests, the rest was theirs, and this pacer takes its share
	 * so far of what remains instead of all of it, so the processes together do not overshoot the
	 * window's end. Alone on the key, it uses all of it.
	 */
	private share(window: WindowState): number {
		if (this.limit === undefined) return window.remaining;
		const used = this.limit - window.remaining;
		const ours = window.ours + this.inFlight;
		if (used <= ours) return window.remaining;
		return Math.floor((window.remaining * ours) / used);
	}

	/** Folds a finished window into what the pacer knows about the window length. */
	private learn(window: WindowState): void {
		if (!window.openedByUs || window.resetAtMs === undefined) return;
		// It opened after `earliestSentAt` and reset at or before the announced second...
		const atMost = window.resetAtMs - window.earliestSentAt;
		// ...and it had opened by `earliestAnsweredAt` and reset after the second before.
		const atLeast = window.resetAtMs - 1000 - window.earliestAnsweredAt;
		this.windowMsAtMost = this.windowMsAtMost === undefined ? atMost : Math.min(this.windowMsAtMost, atMost);
		this.windowMsAtLeast = this.windowMsAtLeast === undefined ? atLeast : Math.max(this.windowMsAtLeast, atLeast);
	}

	/** When the window should really reset: its opening plus the learned length, if that is sooner. */
	private predictedResetMs(window: WindowState): number | undefined {
		if (!this.predicting || this.windowMsAtMost === undefined || window.resetAtMs === undefined) return undefined;
		const atMost = this.windowMsAtMost;
		// Windows are whole seconds in practice; the bound is exact up to the request latency.
		let length = atMost >= 1000 ? Math.floor(atMost / 1000) * 1000 : atMost;
		if (this.windowMsAtLeast !== undefined && length < this.windowMsAtLeast) length = atMost;
		// A window announced to last much longer than the learned length is another kind of limit
		// (e.g. a daily quota next to a per-minute one): only its announced reset counts.
		if (window.resetAtMs - window.earliestAnsweredAt > length + 1000) return undefined;
		const predicted = window.earliestAnsweredAt + length + PREDICTED_GRACE_MS;
		return predicted < window.resetAtMs + RESET_GRACE_MS ? predicted : undefined;
	}

	/** 'go', 'probe', 'predictedProbe', 'awaitProbe', or how long to wait before asking again. */
	private next(): 'go' | 'probe' | 'predictedProbe' | 'awaitProbe' | number {
		const now = this.now();
		if (now < this.blockedUntilMs) return this.blockedUntilMs - now;
		const window = this.window;
		if (!window) {
			if (this.answered) return 'go';
			// Nothing known yet: the first request goes alone and its answer tells the limit.
			return this.probe ? 'awaitProbe' : 'probe';
		}
		if (!window.lapsed && window.resetAtMs !== undefined && now >= window.resetAtMs + RESET_GRACE_MS) window.lapsed = true;
		if (window.lapsed) {
			if (this.limit === undefined) return 'go';
			// A new window, but another process on the key (an n8n worker) may have opened it and used
			// part of it already: one request goes first and its answer says what is left.
			return this.probe ? 'awaitProbe' : 'probe';
		}
		if (this.share(window) - this.inFlight > 0) return 'go';
		if (window.spentUntilMs !== undefined && now >= window.spentUntilMs) {
			// The 429's Retry-After has passed: ask the server, one request at a time.
			return this.probe ? 'awaitProbe' : 'probe';
		}
		if (window.resetAtMs === undefined) {
			// Spent with no known reset: let one request through at a time to learn the new window.
			return this.inFlight > 0 ? 100 : 'go';
		}
		const predicted = this.predictedResetMs(window);
		if (predicted !== undefined && now >= predicted) return this.probe ? 'awaitProbe' : 'predictedProbe';
		return (predicted ?? window.resetAtMs + RESET_GRACE_MS) - now;
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
