/**
 * The per-execution context an operation's `run(item, ctx)` receives: one memo per node execution
 * (shared by its items, never by two executions), reads kept only when they succeed.
 */
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { executeOperation, type Operation } from '../../../nodes/shared/executor';
import { baseContext, type RunContext } from '../../../nodes/shared/run-context';
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

describe('the context run(item, ctx) receives', () => {
	/** Records the memo each item saw and reads a value through it. */
	function recording() {
		const seen: RunMemo[] = [];
		let reads = 0;
		const operation: Operation<RunContext> = {
			concurrent: true,
			properties: [],
			async run(item, ctx) {
				seen.push(ctx.memo);
				expect(ctx.memo).toBe(item.memo);
				const value = await ctx.memo.once('catalog', async () => ++reads);
				return { index: item.index, value, option: ctx.parameter('missing', 'fallback') as string };
			},
		};
		return { operation, seen, reads: () => reads };
	}

	test('one memo per execution, shared by its items; a new execution starts empty', async () => {
		const { operation, seen, reads } = recording();
		const [first] = await executeOperation.call(context(4), operation, { concurrency: 2, includeRateLimit: false }, baseContext);
		expect(first.map((item) => item.json)).toEqual([0, 1, 2, 3].map((index) => ({ index, value: 1, option: 'fallback' })));
		expect(new Set(seen).size).toBe(1);
		expect(reads()).toBe(1);

		const [second] = await executeOperation.call(context(2), operation, { concurrency: 1, includeRateLimit: false }, baseContext);
		expect(second.map((item) => item.json.value)).toEqual([2, 2]);
		expect(new Set(seen).size).toBe(2);
		expect(reads()).toBe(2);
	});

	test('a service context adds its client, bound to the item', async () => {
		const { flexyKeyContext } = await import('../../../nodes/FlexyKey/transport');
		const memo = new RunMemo();
		const ctx = flexyKeyContext(context(1), { index: 0, memo });
		expect(ctx.memo).toBe(memo);
		expect(Object.keys(ctx.flexyKey).sort()).toEqual(['delete', 'full', 'get', 'post', 'put']);
	});
});
