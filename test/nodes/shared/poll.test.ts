import { pollUntil } from '../../../nodes/shared/poll';

const cancelled = () => new Error('cancelled by the test');

describe('pollUntil', () => {
	test('stops at the first read that satisfies done and returns it', async () => {
		const values = [1, 2, 3, 4];
		const result = await pollUntil({ deadline: Date.now() + 60_000, interval: 1, read: async () => values.shift()!, done: (value) => value === 3, cancelled });
		expect(result).toMatchObject({ done: true, last: 3, reads: 3 });
		expect(values).toEqual([4]);
	});

	test('starts no read after the deadline and reports the last value seen', async () => {
		let reads = 0;
		const result = await pollUntil({ deadline: Date.now() + 30, interval: 20, read: async () => ++reads, done: () => false, cancelled });
		expect(result.done).toBe(false);
		expect(result.last).toBe(reads);
		expect(reads).toBeGreaterThanOrEqual(1);
		expect(reads).toBeLessThanOrEqual(2);
	});

	test('readAtDeadline: one last read at the deadline when the next interval would pass it', async () => {
		const starts: number[] = [];
		const deadline = Date.now() + 50;
		const result = await pollUntil({ deadline, interval: 40, readAtDeadline: true, read: async () => starts.push(Date.now()), done: () => false, cancelled });
		expect(result.done).toBe(false);
		expect(starts.length).toBeGreaterThanOrEqual(2);
		expect(starts.at(-1)).toBeGreaterThanOrEqual(deadline);
	});

	test('a first read after the deadline never happens', async () => {
		const read = jest.fn(async () => 1);
		const result = await pollUntil({ deadline: Date.now() + 5, firstReadAt: Date.now() + 10_000, interval: 1, read, done: () => true, cancelled });
		expect(result).toMatchObject({ done: false, last: undefined, reads: 0 });
		expect(read).not.toHaveBeenCalled();
	});

	test('a read error ends the wait with that error', async () => {
		const failure = new Error('HTTP 500');
		await expect(pollUntil({ deadline: Date.now() + 60_000, interval: 1, read: async () => Promise.reject(failure), done: () => false, cancelled })).rejects.toBe(failure);
	});

	test('a cancelled execution ends a long sleep with the caller\'s error, without another read', async () => {
		const controller = new AbortController();
		let reads = 0;
		let firstRead!: () => void;
		const readDone = new Promise<void>((resolve) => (firstRead = resolve));
		const waiting = pollUntil({
			deadline: Date.now() + 600_000,
			interval: 300_000,
			signal: controller.signal,
			read: async () => {
				firstRead();
				return ++reads;
			},
			done: () => false,
			cancelled,
		});
		await readDone;
		await new Promise((resolve) => setImmediate(resolve));
		controller.abort();
		await expect(waiting).rejects.toThrow('cancelled by the test');
		expect(reads).toBe(1);
	});

	test('an execution cancelled before the wait reads nothing', async () => {
		const controller = new AbortController();
		controller.abort();
		const read = jest.fn(async () => 1);
		await expect(pollUntil({ deadline: Date.now() + 1000, interval: 1, signal: controller.signal, read, done: () => true, cancelled })).rejects.toThrow('cancelled by the test');
		expect(read).not.toHaveBeenCalled();
	});
});
