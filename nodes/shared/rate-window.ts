/**
 * What the pacer (rate-limit.ts) knows about one window of the server's limit, and the arithmetic on
 * it that needs nothing else: the window length it implies, and the even spread of a shared window.
 */

/** What the pacer knows about the server's current window. */
export interface WindowState {
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
	/**
	 * The window opened after this (epoch ms): the send time of our last request the window before
	 * answered (accepted or refused), since that window was still on when the server counted it.
	 */
	openedAfter?: number;
	/** Send time of our latest request this window answered: the next window opened after it. */
	latestSentAt: number;
	/** The window's count (`limit - remaining`) in the first answer this pacer saw of it. */
	usedAtFirstAnswer: number;
	/** The announced reset has passed: assume a fresh window of `limit` until an answer says otherwise. */
	lapsed: boolean;
	/**
	 * A 429 spent the window until this time (its Retry-After). From then on the server's answers
	 * are the truth again, even if they show room under the same announced reset.
	 */
	spentUntilMs?: number;
	/** `spentUntilMs` is the predicted reset, sooner than the 429's whole-second Retry-After. */
	spentUntilPredicted?: boolean;
	/** One request already went at the soonest this window could reset (`earliestResetMs`). */
	earlyProbed?: boolean;
}

/** Share of a window's limit the key's count may reach at once; the rest is spread over the window. */
const SPREAD_BURST = 0.2;

/** What one window says about the window length, if the pacer knows when it opened. */
export function windowBounds(window: WindowState): { atMost: number; atLeast: number } | undefined {
	if (window.resetAtMs === undefined) return undefined;
	// It opened after `earliestSentAt` (one of ours opened it) or after the last of ours the window
	// before counted (another process opened it), and reset at or before the announced second...
	const openedAfter = window.openedByUs ? window.earliestSentAt : window.openedAfter;
	if (openedAfter === undefined) return undefined;
	// ...and it had opened by `earliestAnsweredAt` and reset after the second before.
	return { atMost: window.resetAtMs - openedAfter, atLeast: window.resetAtMs - 1000 - window.earliestAnsweredAt };
}

/** The window length bounds imply for `window`, or undefined if they do not apply to it. */
export function lengthFromBounds(bounds: { atMost: number; atLeast?: number }, window: WindowState): number | undefined {
	const { atMost, atLeast } = bounds;
	if (window.resetAtMs === undefined) return undefined;
	// Windows are whole seconds in practice; the bound is exact up to the request latency.
	let length = atMost >= 1000 ? Math.floor(atMost / 1000) * 1000 : atMost;
	if (atLeast !== undefined && length < atLeast) length = atMost;
	// A window announced to last much longer than the learned length is another kind of limit
	// (e.g. a daily quota next to a per-minute one): only its announced reset counts.
	if (window.resetAtMs - window.earliestAnsweredAt > length + 1000) return undefined;
	return length;
}

/**
 * How long to hold a request that the window has room for, so that the key's count (everyone's, as
 * the server reports it) stays under an even spread of the window: `SPREAD_BURST` of the limit at
 * once, the rest evenly until one slot before its end. The pacer spreads only while it sees another
 * process on the key: a window then no longer goes to whichever process opens it first; another
 * process (an n8n worker), which cannot know when the window opened, finds room whenever it asks,
 * and both see each other in the server's count and share it. The window's requests still fit in it.
 */
export function spreadWaitMs(window: WindowState, key: { limit: number; length: number; inFlight: number; now: number }): number {
	const { limit, length, inFlight, now } = key;
	const burst = Math.max(1, Math.ceil(limit * SPREAD_BURST));
	if (limit - burst <= 0) return 0;
	// The last request goes out one slot before the window's end, so it lands in the window.
	const rate = (limit - burst) / ((length * (limit - 1)) / limit);
	// When the window opened: our first request's send time if it opened it; otherwise as long
	// before our first answer as an even spread takes to reach the count that answer showed.
	const spreadBefore = Math.max(0, window.usedAtFirstAnswer - burst) / rate;
	const opened = window.openedByUs ? window.earliestSentAt : Math.max(window.openedAfter ?? -Infinity, window.earliestAnsweredAt - Math.min(length, spreadBefore));
	const count = limit - window.remaining + inFlight;
	if (count < burst + rate * (now - opened)) return 0;
	return Math.max(1, Math.ceil(opened + (count - burst + 1) / rate - now));
}

/**
 * How much of the window's `remaining` a pacer that does not spread may use. Other processes on the
 * same key (n8n workers in queue mode) show only in the server's count: when the window used more
 * than this pacer's answered and in-flight requests, the rest was theirs, and this pacer takes its
 * share so far of what remains instead of all of it, so the processes together do not overshoot the
 * window's end. Alone on the key, it uses all of it.
 */
export function shareOf(window: WindowState, limit: number, inFlight: number): number {
	const used = limit - window.remaining;
	const ours = window.ours + inFlight;
	if (used <= ours) return window.remaining;
	return Math.floor((window.remaining * ours) / used);
}

/** Grace after a reset the pacer worked out itself (measured on its own clock, so it can be small). */
export const PREDICTED_GRACE_MS = 10;

/**
 * The soonest a window that only refused us can reset: another process opened it, at the earliest
 * just after our last request the window before counted. Probing then, once per window, lets a
 * process that keeps arriving when the window is spent (and is told to come back in a whole second,
 * when the window is spent again) meet a window's start.
 */
export function earliestResetMs(window: WindowState, length: number): number | undefined {
	if (window.ours > 0 || window.openedByUs || window.earlyProbed || window.openedAfter === undefined) return undefined;
	return window.openedAfter + length + PREDICTED_GRACE_MS;
}
