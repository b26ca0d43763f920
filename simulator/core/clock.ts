/**
 * The simulator's time: what `now` is and when a scheduled step (a sync finishing, a unit answering, an
 * order moving on) happens. The running simulator uses the wall clock; a test can start it on a
 * `ManualClock` and move time itself, so "after 300 ms the cache has expired" is a step the test takes,
 * not a sleep it hopes is long enough.
 */

/** A scheduled step; pass it to `cancel`. */
export interface ClockTimer {
	readonly dueMs: number;
}

export interface SimClock {
	now(): number;
	/** Runs `run` once `ms` have passed on this clock. */
	after(ms: number, run: () => void): ClockTimer;
	cancel(timer: ClockTimer): void;
}

interface RealTimer extends ClockTimer {
	readonly handle: NodeJS.Timeout;
}

/** Wall-clock time; timers are unref'd so a forgotten one never keeps the process alive. */
export const realClock: SimClock = {
	now: () => Date.now(),
	after(ms, run) {
		const handle = setTimeout(run, ms);
		handle.unref();
		return { dueMs: Date.now() + ms, handle } as RealTimer;
	},
	cancel(timer) {
		clearTimeout((timer as RealTimer).handle);
	},
};

interface ManualTimer extends ClockTimer {
	readonly run: () => void;
	readonly order: number;
}

/**
 * Time that moves only when `advance` is called. Steps due within the advance run in time order, each
 * with `now()` at its due time (a step may schedule another, which runs too if it falls due in range).
 */
export class ManualClock implements SimClock {
	private current: number;
	private scheduled = 0;
	private readonly timers = new Set<ManualTimer>();

	constructor(startMs = Date.now()) {
		this.current = startMs;
	}

	now(): number {
		return this.current;
	}

	after(ms: number, run: () => void): ClockTimer {
		const timer: ManualTimer = { dueMs: this.current + Math.max(0, ms), run, order: this.scheduled++ };
		this.timers.add(timer);
		return timer;
	}

	cancel(timer: ClockTimer): void {
		this.timers.delete(timer as ManualTimer);
	}

	/** Moves time forward by `ms`, running every step that falls due on the way. */
	advance(ms: number): void {
		const target = this.current + ms;
		for (let next = this.nextDue(target); next; next = this.nextDue(target)) {
			this.timers.delete(next);
			this.current = next.dueMs;
			next.run();
		}
		this.current = target;
	}

	/** Steps still waiting for their time. */
	get pending(): number {
		return this.timers.size;
	}

	private nextDue(limitMs: number): ManualTimer | undefined {
		let first: ManualTimer | undefined;
		for (const timer of this.timers) {
			if (timer.dueMs > limitMs) continue;
			if (!first || timer.dueMs < first.dueMs || (timer.dueMs === first.dueMs && timer.order < first.order)) first = timer;
		}
		return first;
	}
}
