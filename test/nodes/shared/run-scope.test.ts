/**
 * What an operation's `run(item)` receives besides n8n's functions: the item's scope, whose memo is one
 * per node execution (shared by its items, never by two executions), reads kept only when they succeed.
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { executeOperation, type Operation } from '../../../nodes/shared/executor';
import { RunMemo } from '../../../nodes/shared/run-scope';

const node: INode = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

function context(count: number): IExecuteFunctions {
	const items = Array.from({ length: count }, (_, index) => ({ json: { index } }));
	return {
		getInputData: () => items,
		continueOnFail: () => false,
		getNode: () => node,
		getNodeParameter: (_name: string, _index: number, fallback?: unknown) => fallback,
	} as unknown as IExecuteFunctions;
}

describe('RunMemo.once', () => {
	test('reads once per key, whatever the number of callers', async () => {
		const memo = new RunMemo();
		let reads = 0;
		const read = async () => ++reads;
		const values = await Promise.all([memo.once('a', read), memo.once('a', read), memo.once('a', read)]);
		expect(values).toEqual([1, 1, 1]);
		expect(await memo.once('b', read)).toBe(2);
		expect(reads).toBe(2);
	});

	test('a failed read is not kept: the next caller reads again', async () => {
		const memo = new RunMemo();
		let reads = 0;
		const read = async () => {
			reads++;
			if (reads === 1) throw new Error('down');
			return 'ok';
		};
		await expect(memo.once('definitions', read)).rejects.toThrow('down');
		expect(await memo.once('definitions', read)).toBe('ok');
		expect(await memo.once('definitions', read)).toBe('ok');
		expect(reads).toBe(2);
	});
});

describe('the item scope run(item) receives', () => {
	/** Records the memo each item saw and reads a value through it. */
	function recording() {
		const seen: RunMemo[] = [];
		let reads = 0;
		const operation: Operation = {
			concurrent: true,
			properties: [],
			async run(item) {
				seen.push(item.memo);
				const value = await item.memo.once('catalog', async () => ++reads);
				return { index: item.index, value, option: item.memo.parameter(this, 'missing', item.index, 'fallback') as string };
			},
		};
		return { operation, seen, reads: () => reads };
	}

	test('one memo per execution, shared by its items; a new execution starts empty', async () => {
		const { operation, seen, reads } = recording();
		const [first] = await executeOperation.call(context(4), operation, { concurrency: 2, includeRateLimit: false });
		expect(first.map((item) => item.json)).toEqual([0, 1, 2, 3].map((index) => ({ index, value: 1, option: 'fallback' })));
		expect(new Set(seen).size).toBe(1);
		expect(reads()).toBe(1);

		const [second] = await executeOperation.call(context(2), operation, { concurrency: 1, includeRateLimit: false });
		expect(second.map((item) => item.json.value)).toEqual([2, 2]);
		expect(new Set(seen).size).toBe(2);
		expect(reads()).toBe(2);
	});
});
