/**
 * The one wait loop of this package: read, check, sleep, until done or a deadline. Used by every
 * operation that waits for a remote result (sync wait, unit-info request and wait, order and wait,
 * set output and confirm). Sleeps with n8n's `sleep`, and stops at once when the execution is
 * cancelled (n8n aborts the execution's signal).
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

export interface PollUntilOptions<T> {
	/** Epoch ms: no read starts after it. */
	deadline: number;
	/** Ms from the end of one read to the start of the next (a service's cache guard, a courtesy pace). */
	interval: number;
	/** The execution's cancel signal (`this.getExecutionCancelSignal()`). */
	signal?: AbortSignal;
	/** One read of the remote state. Its errors end the wait (the transport has already retried what it may). */
	read: () => Promise<T>;
	/** Whether a read shows the result waited for. */
	done: (value: T) => boolean;
	/** Epoch ms of the first read (default: at once). */
	firstReadAt?: number;
	/**
	 * When the next read would fall after the deadline, read once more at the deadline (for waits
	 * whose interval is only a pace, not a cache guard the service imposes).
	 */
	readAtDeadline?: boolean;
	/** The error to throw when the execution is cancelled while waiting. */
	cancelled: () => Error;
}

export interface PollResult<T> {
	/** True when a read satisfied `done`; false when the deadline came first. */
	done: boolean;
	/** The last value read (`undefined` if no read started before the deadline). */
	last: T | undefined;
	reads: number;
	/** Epoch ms the last read ended (where the next wait on the same resource should count from). */
	lastReadEndedAt: number | undefined;
}

export async function pollUntil<T>(options: PollUntilOptions<T>): Promise<PollResult<T>> {
	const { deadline, interval, signal, read, done, cancelled } = options;
	let nextReadAt = options.firstReadAt ?? Date.now();
	const result: PollResult<T> = { done: false, last: undefined, reads: 0, lastReadEndedAt: undefined };
	while (nextReadAt <= deadline) {
		await pause(nextReadAt - Date.now(), signal, cancelled);
		try {
			result.last = await read();
		} finally {
			result.reads++;
			result.lastReadEndedAt = Date.now();
			nextReadAt = result.lastReadEndedAt + interval;
			if (options.readAtDeadline && nextReadAt > deadline && result.lastReadEndedAt < deadline) nextReadAt = deadline;
		}
		if (done(result.last)) {
			result.done = true;
			return result;
		}
	}
	return result;
}

/** `sleep` that ends with `cancelled()` when the signal fires (before, during or right after it). */
async function pause(ms: number, signal: AbortSignal | undefined, cancelled: () => Error): Promise<void> {
	if (signal?.aborted) throw cancelled();
	try {
		// n8n-workflow's sleep rejects when the signal fires; older versions ignore the signal and
		// the check below catches the cancel at the end of the sleep.
		await sleep(Math.max(0, ms), signal);
	} catch {
		throw cancelled();
	}
	if (signal?.aborted) throw cancelled();
}

/** "If Not Completed" of the operations that wait: fail the item (default) or output what was seen. */
export function ifNotCompletedField(show: IDisplayOptions['show'], texts: { output: string; description: string }): INodeProperties {
	return {
		displayName: 'If Not Completed',
		name: 'ifNotCompleted',
		type: 'options',
		default: 'error',
		options: [
			{ name: 'Fail the Item', value: 'error', description: 'Stop with an error that says what happened (or output it with Continue On Fail)' },
			{ name: 'Output the Status', value: 'output', description: texts.output },
		],
		description: texts.description,
		displayOptions: { show },
	};
}
