/**
 * How many items of a concurrent operation are in flight at once.
 *
 * A number the user sets stays fixed. Left unset, the width adapts: it starts at `START_WIDTH` and grows
 * by one with every item that finished without rate-limit pressure, up to `MAX_CONCURRENCY`; an item
 * that met a 429 halves it (not below `START_WIDTH`), and from the first sign of a limit on (a 429, or the server
 * reporting fewer requests left in its window than twice the items in flight) it grows no more in this
 * run. Why: with no vendor limit, the time per item is mostly the wait for the answer, which more items
 * in flight hide (n8n's HTTP Request node sends every item at once); under a limit the pacer sets the
 * rate, and more in flight only adds 429s when other processes (n8n workers) share the key
 * (docs/performance.md, "Default concurrency").
 */
import type { ItemScope } from './run-scope';

/** The most items in flight at once, whatever the option says. */
export const MAX_CONCURRENCY = 50;

/** Where an unset width starts: what a fixed default used to be. */
export const START_WIDTH = 5;

/** Items in flight at once for a number the user set: a whole number from 1 to 50 (anything unusable falls back to 1). */
export function concurrencyOf(value: unknown): number {
	const number = Math.floor(Number(value));
	if (!Number.isFinite(number) || number < 1) return 1;
	return Math.min(number, MAX_CONCURRENCY);
}

export class ItemWidth {
	private width: number;
	/** Left to adapt (a number the user set never changes). */
	private readonly adaptive: boolean;
	private growing: boolean;

	/** `setting`: the user's number (fixed), or undefined to adapt. */
	constructor(setting: number | undefined) {
		this.adaptive = setting === undefined;
		this.growing = this.adaptive;
		this.width = this.adaptive ? START_WIDTH : concurrencyOf(setting);
	}

	get current(): number {
		return this.width;
	}

	/** What a finished item tells about the vendor's limit. */
	settle(item: Pick<ItemScope, 'throttled' | 'rateLimit'>): void {
		if (!this.adaptive) return;
		if ((item.throttled ?? 0) > 0) {
			// Not below where it started: under a limit the pacer needs a few in flight to keep up with the
			// vendor's rate at a high latency, and 5 is what a fixed default always had.
			this.width = Math.max(START_WIDTH, Math.floor(this.width / 2));
			this.growing = false;
			return;
		}
		const remaining = item.rateLimit?.remaining;
		if (typeof remaining === 'number' && remaining < 2 * this.width) this.growing = false;
		if (this.growing) this.width = Math.min(MAX_CONCURRENCY, this.width + 1);
	}
}
