/**
 * The one way a test waits for something that happens on its own time (a webhook delivery arriving, a
 * background request being sent): poll a check until it holds, and fail with the check's last error
 * once a deadline has passed. Never a fixed sleep: a busy machine only makes this slower, not wrong.
 * Waits on the simulator's own schedule (syncs, unit answers, caches) use its ManualClock instead.
 */
export interface EventuallyOptions {
	/** Give up after this long (generous: it bounds a failing test, not a passing one). */
	deadlineMs?: number;
	/** Pause between checks. */
	intervalMs?: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves with `check()`'s value once it neither throws nor returns `false`; rejects with the last
 * failure after `deadlineMs`. `check` may assert (`expect(...)`) or return a boolean.
 */
export async function eventually<T>(check: () => T | Promise<T>, { deadlineMs = 10_000, intervalMs = 10 }: EventuallyOptions = {}): Promise<Exclude<T, false>> {
	const deadline = Date.now() + deadlineMs;
	for (;;) {
		let failure: unknown;
		try {
			const value = await check();
			if (value !== false) return value as Exclude<T, false>;
			failure = new Error('the condition was still false');
		} catch (error) {
			failure = error;
		}
		if (Date.now() >= deadline) {
			if (failure instanceof Error) failure.message = `not met within ${deadlineMs} ms: ${failure.message}`;
			throw failure;
		}
		await pause(intervalMs);
	}
}
