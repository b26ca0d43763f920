/**
 * The pacer shared by the three services: one per API key, it keeps a bulk run under the vendor's
 * limit instead of hammering it into 429s (the headers it reads: rate-limit-headers.ts).
 */
import { sleep } from 'n8n-workflow';
import type { RateLimitHeaders } from './rate-limit-headers';
import { earliestResetMs, lengthFromBounds, PREDICTED_GRACE_MS, shareOf, spreadWaitMs, windowBounds, type WindowState } from './rate-window';

/**
 * Two resets sent as seconds left that are this close may name the same window: each is rounded up to a
 * whole second and placed on this clock when its answer arrives.
 */
const SECONDS_LEFT_SLACK_MS = 1250;
/** Small grace after a window's announced reset, since servers round the reset and clocks drift. */
const RESET_GRACE_MS = 50;
/** How many window lengths the pacer keeps spreading after it last saw another process's requests. */
const OTHERS_MEMORY_WINDOWS = 5;
/** How long a caller whose request met more 429s waits for one that met fewer to take a probe. */
const PROBE_YIELD_MS = 20;
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
	/** How many 429s the caller's request met so far: the request that met fewest goes first as a probe. */
	refused?: number;
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
 *
 * Several processes on one key (n8n workers, each with its own pacer) see each other only in the
 * server's count. A pacer that sees another process there spreads the window evenly instead of
 * bursting it (rate-window.ts), so the other finds room whenever it asks instead of meeting a 429 at
 * the same spent point of every window; docs/queue-mode.md has the figures.
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
	/** Callers waiting in `acquire()`, with the 429s their requests met. */
	private readonly waiting = new Map<object, number>();
	private wake = deferred();
	/** When an answer last showed requests of another process on the key (the server's count above ours). */
	private othersSeenAt?: number;
	/** Predicted probes that a newer window refused (another process had spent it): the prediction held. */
	private readonly newWindowProbes = new WeakSet<PacerTicket>();

	constructor(private readonly now: () => number = () => Date.now()) {}

	async acquire(signalOrOptions?: AbortSignal | AcquireOptions): Promise<PacerTicket> {
		const options: AcquireOptions =
			signalOrOptions && 'aborted' in signalOrOptions ? { signal: signalOrOptions } : ((signalOrOptions as AcquireOptions | undefined) ?? {});
		const caller = {};
		const refused = options.refused ?? 0;
		this.waiting.set(caller, refused);
		try {
			for (;;) {
				throwIfAborted(options.signal);
				const next = this.next();
				if ((next === 'probe' || next === 'predictedProbe') && refused > Math.min(...this.waiting.values())) {
					// A probe is one request alone: let a request that met fewer 429s take it, so the
					// 429s of a contended key spread over the requests instead of failing one of them.
					this.wakeWaiters();
					await this.nap(PROBE_YIELD_MS);
					continue;
				}
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
				await this.nap(Math.min(next, SLEEP_SLICE_MS));
			}
		} finally {
			this.waiting.delete(caller);
		}
	}

	/** Sleeps `ms`, or less if `wakeWaiters()` is called meanwhile. */
	private async nap(ms: number): Promise<void> {
		await Promise.race([sleep(ms), this.wake.promise]);
	}

	/** Ends every `nap` now, so waiting callers look at the pacer again. */
	private wakeWaiters(): void {
		const { resolve } = this.wake;
		this.wake = deferred();
		resolve();
	}

	/**
	 * After each attempt: the answer's rate-limit headers (none after a connection error), its
	 * ticket, and whether the answer was a 429.
	 */
	release(parsed?: RateLimitHeaders, ticket?: PacerTicket, rejected = false): void {
		this.update(parsed, ticket, rejected);
		const window = this.window;
		if (parsed?.remaining !== undefined && window && this.limit !== undefined && this.limit - window.remaining > window.ours + this.inFlight) {
			this.othersSeenAt = this.now();
		}
	}

	private update(parsed: RateLimitHeaders | undefined, ticket: PacerTicket | undefined, rejected: boolean): void {
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
		// A 429 opens no window (with a limit of 1 its `remaining: 0` would read as a first request).
		const openedByUs = !rejected && this.limit !== undefined && parsed.remaining === this.limit - 1;
		const current = this.window;
		const fresh = (openedAfter?: number): WindowState => ({
			resetAtMs: parsed.resetAtMs,
			remaining: parsed.remaining!,
			ours: rejected ? 0 : 1,
			earliestSentAt: sentAt,
			earliestAnsweredAt: answeredAt,
			openedByUs,
			lapsed: false,
			openedAfter,
			latestSentAt: sentAt,
			usedAtFirstAnswer: this.limit === undefined ? 0 : Math.max(0, this.limit - parsed.remaining!),
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
			this.window = fresh(current.latestSentAt);
			// A predicted probe refused in a newer window: the prediction was right, another process
			// on the key had spent the new window already.
			if (wasPredicted && rejected && ticket) this.newWindowProbes.add(ticket);
			return;
		}
		if (!sameReset && parsed.resetAtMs < current.resetAtMs) {
			// An earlier reset is either a late answer from an older window (sent before this window
			// was seen) or the server's newest truth: a 429, or an answer to a request sent after this
			// window was known (plan change, sliding window, clock skew). The truth replaces what was learned.
			if (sentAt < current.earliestAnsweredAt) {
				// A late answer from an older window: the current one opened after it was sent.
				current.openedAfter = Math.max(current.openedAfter ?? sentAt, sentAt);
				return;
			}
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
			current.spentUntilPredicted = undefined;
		}
		if (wasPredicted) {
			if (current.earliestAnsweredAt >= sentAt) {
				// Another request of ours opened the window this one landed in before we saw it: the
				// reset had happened.
				if (rejected && ticket) this.newWindowProbes.add(ticket);
			} else {
				// The predicted reset had not happened: stop predicting for this key.
				this.predicting = false;
			}
		}
		// A 429 used none of the window.
		const counted = rejected ? 0 : 1;
		current.ours = current.lapsed ? counted : current.ours + counted;
		current.remaining = current.lapsed ? parsed.remaining : Math.min(current.remaining, parsed.remaining);
		current.lapsed = false;
		current.earliestSentAt = Math.min(current.earliestSentAt, sentAt);
		current.earliestAnsweredAt = Math.min(current.earliestAnsweredAt, answeredAt);
		current.openedByUs ||= openedByUs;
		current.latestSentAt = Math.max(current.latestSentAt, sentAt);
	}

	/**
	 * After a 429: nobody on this key sends before the server said it may. The Retry-After wins
	 * over any reset the pacer learned or predicted when it is sooner: once it has passed, one request
	 * goes to find out the server's window, instead of waiting for a reset that may be stale. A
	 * Retry-After in whole seconds is rounded up, though, and on a window of a second or two that
	 * rounding is most of a window: when the window's announced reset or the reset the learned
	 * length predicts falls inside that rounding, one request goes then instead (if the server still
	 * refuses a predicted one in the same window, the pacer stops predicting); failing those, for a
	 * window that only refused us, once at the soonest it can reset (`earliestResetMs`).
	 */
	block(ms: number, ticket?: PacerTicket): void {
		const now = this.now();
		const newWindow = ticket !== undefined && this.newWindowProbes.has(ticket);
		if (ticket?.predicted && !newWindow) this.predicting = false;
		const window = this.window;
		const retryAt = now + ms;
		// inferred: servers round a Retry-After up to whole seconds (RFC 9110 has no finer unit).
		const withinRounding = (at: number | undefined): at is number => at !== undefined && at > now && at < retryAt && at > retryAt - 1000 - RESET_GRACE_MS;
		const predicted = window ? this.predictedResetMs(window) : undefined;
		const earliest = window ? this.earliestReset(window) : undefined;
		// The window's announced reset is no earlier than its real one, so it may be sooner than the
		// Retry-After rounded up (the simulated vendors send both).
		const announced = window?.resetAtMs === undefined ? undefined : window.resetAtMs + RESET_GRACE_MS;
		let until = retryAt;
		let predictedProbe = false;
		if (withinRounding(predicted) && !(withinRounding(announced) && announced < predicted)) {
			until = predicted;
			predictedProbe = true;
		} else if (withinRounding(announced)) {
			until = announced;
		} else if (window && withinRounding(earliest)) {
			until = earliest;
			window.earlyProbed = true;
		}
		this.blockedUntilMs = Math.max(this.blockedUntilMs, until);
		if (window) {
			window.remaining = 0;
			window.lapsed = false;
			window.spentUntilMs = this.blockedUntilMs;
			window.spentUntilPredicted = predictedProbe && this.blockedUntilMs === until;
		}
	}

	/** The soonest a window that only refused us can reset (see `earliestResetMs`). */
	private earliestReset(window: WindowState): number | undefined {
		const length = this.learnedLengthMs(window);
		return length === undefined ? undefined : earliestResetMs(window, length);
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
	 * The room this pacer may use: while spreading, the even spread keeps every process on the key
	 * under the limit together, so all of `remaining`; otherwise its share of it (`shareOf`).
	 */
	private room(window: WindowState): number {
		return this.spreading(window) || this.limit === undefined ? window.remaining : shareOf(window, this.limit, this.inFlight);
	}

	/** Others were on the key within the last few windows, and the window length is known. */
	private spreading(window: WindowState): boolean {
		const length = this.learnedLengthMs(window);
		return length !== undefined && this.othersSeenAt !== undefined && this.now() - this.othersSeenAt < OTHERS_MEMORY_WINDOWS * length;
	}

	/** Folds a finished window into what the pacer knows about the window length. */
	private learn(window: WindowState): void {
		const bounds = windowBounds(window);
		if (!bounds) return;
		this.windowMsAtMost = this.windowMsAtMost === undefined ? bounds.atMost : Math.min(this.windowMsAtMost, bounds.atMost);
		this.windowMsAtLeast = this.windowMsAtLeast === undefined ? bounds.atLeast : Math.max(this.windowMsAtLeast, bounds.atLeast);
	}


	/** When the window should really reset: its opening plus the learned length, if that is sooner. */
	private predictedResetMs(window: WindowState): number | undefined {
		const length = this.learnedLengthMs(window);
		if (length === undefined || window.resetAtMs === undefined) return undefined;
		const predicted = window.earliestAnsweredAt + length + PREDICTED_GRACE_MS;
		return predicted < window.resetAtMs + RESET_GRACE_MS ? predicted : undefined;
	}

	/** The window length learned from earlier windows, if it applies to this one. */
	private learnedLengthMs(window: WindowState): number | undefined {
		if (!this.predicting || window.resetAtMs === undefined) return undefined;
		// Before a first window has ended, the one this pacer opened bounds the length already.
		const bounds = this.windowMsAtMost === undefined ? windowBounds(window) : { atMost: this.windowMsAtMost, atLeast: this.windowMsAtLeast };
		if (bounds === undefined) return undefined;
		return lengthFromBounds(bounds, window);
	}

	/** How long to hold a request the window has room for, while spreading (see `spreadWaitMs`). */
	private holdMs(window: WindowState, now: number): number {
		const length = this.learnedLengthMs(window);
		if (length === undefined || this.limit === undefined || !this.spreading(window)) return 0;
		return spreadWaitMs(window, { limit: this.limit, length, inFlight: this.inFlight, now });
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
		if (this.room(window) - this.inFlight > 0) {
			const hold = this.holdMs(window, now);
			return hold > 0 ? hold : 'go';
		}
		if (window.spentUntilMs !== undefined && now >= window.spentUntilMs) {
			// The 429's Retry-After (or the reset predicted within its rounding) has passed: ask the
			// server, one request at a time.
			if (this.probe) return 'awaitProbe';
			return window.spentUntilPredicted && this.predicting ? 'predictedProbe' : 'probe';
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

function deferred(): { promise: Promise<void>; resolve: () => void } {
	let resolve = () => {};
	const promise = new Promise<void>((done) => (resolve = done));
	return { promise, resolve };
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
