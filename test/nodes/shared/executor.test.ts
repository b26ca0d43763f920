/**
 * The executor's item loop: input order and pairedItem whatever the concurrency, bounded
 * concurrency, continueOnFail shapes, itemIndex on errors. Unit level, with a minimal execute
 * context (input items, continueOnFail, node); the workflow suites cover the same through n8n.
 */
import type { IExecuteFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { errorJson, executeOperation, type Operation } from '../../../nodes/shared/executor';
import { concurrencyOf, MAX_CONCURRENCY } from '../../../nodes/shared/item-width';
import type { ItemScope } from '../../../nodes/shared/run-scope';

const node: INode = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

function context(count: number, continueOnFail: boolean): IExecuteFunctions {
	const items = Array.from({ length: count }, (_, index) => ({ json: { index } }));
	return { getInputData: () => items, continueOnFail: () => continueOnFail, getNode: () => node } as unknown as IExecuteFunctions;
}

/** Yields to the event loop `turns` times: items finish in an order set by their index, not by a timer. */
const yieldTurns = async (turns: number) => {
	for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
};

/** An operation that finishes items out of order and records how many ran at once. */
function tracked(concurrent: boolean, fail: (index: number) => Error | undefined = () => undefined) {
	const stats = { inFlight: 0, maxInFlight: 0, started: [] as number[] };
	const operation: Operation = {
		concurrent,
		properties: [],
		async run(item: ItemScope) {
			stats.started.push(item.index);
			stats.inFlight++;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			await yieldTurns((item.index * 7) % 5);
			stats.inFlight--;
			const error = fail(item.index);
			if (error) throw error;
			item.rateLimit = { limit: 10, remaining: 9 - (item.index % 10) };
			return { index: item.index };
		},
	};
	return { operation, stats };
}

describe('executeOperation', () => {
	test.each([1, 3, 8, 50])('concurrency %i: output in input order with pairedItem, at most that many at once', async (concurrency) => {
		const { operation, stats } = tracked(true);
		const [output] = await executeOperation.call(context(40, false), operation, { concurrency, includeRateLimit: false });
		expect(output.map((item) => item.json.index)).toEqual(Array.from({ length: 40 }, (_, index) => index));
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 40 }, (_, index) => ({ item: index })));
		expect(stats.maxInFlight).toBe(Math.min(concurrency, 40));
	});

	describe('left unset, the width adapts', () => {
		/** An operation whose items report what they met; records the items in flight when each started. */
		function reporting(met: (index: number) => Pick<ItemScope, 'throttled' | 'rateLimit'>) {
			const stats = { inFlight: 0, atStart: [] as number[] };
			const operation: Operation = {
				concurrent: true,
				properties: [],
				async run(item: ItemScope) {
					stats.inFlight++;
					stats.atStart.push(stats.inFlight);
					await yieldTurns(1 + (item.index % 3));
					stats.inFlight--;
					Object.assign(item, met(item.index));
					return { index: item.index };
				},
			};
			return { operation, stats };
		}
		const run = async (operation: Operation, count: number) =>
			(await executeOperation.call(context(count, false), operation, { concurrency: undefined, includeRateLimit: false }))[0];

		test('no rate-limit pressure: starts at 5 and grows to 50, output still in input order', async () => {
			const { operation, stats } = reporting(() => ({}));
			const output = await run(operation, 300);
			expect(output.map((item) => item.json.index)).toEqual(Array.from({ length: 300 }, (_, index) => index));
			expect(Math.max(...stats.atStart.slice(0, 5))).toBeLessThanOrEqual(5);
			expect(stats.atStart.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
			expect(Math.max(...stats.atStart)).toBe(MAX_CONCURRENCY);
		});

		test('a window with few requests left: it stays where it was, never more than 5', async () => {
			const { operation, stats } = reporting(() => ({ rateLimit: { limit: 20, remaining: 3 } }));
			await run(operation, 100);
			expect(Math.max(...stats.atStart)).toBe(5);
		});

		test('a 429: it halves at each item that met one and never grows again, down to where it started', async () => {
			const { operation, stats } = reporting((index) => (index >= 60 ? { throttled: 1 } : {}));
			await run(operation, 200);
			expect(Math.max(...stats.atStart.slice(0, 60))).toBeGreaterThan(20);
			expect(Math.max(...stats.atStart.slice(-50))).toBe(5);
		});

		test('a number the user set stays fixed, 429s or not', async () => {
			const { operation, stats } = reporting(() => ({ throttled: 1 }));
			await executeOperation.call(context(60, false), operation, { concurrency: 8, includeRateLimit: false });
			expect(Math.max(...stats.atStart.slice(-20))).toBe(8);
		});
	});

	test('operations not marked concurrent run one item at a time whatever the option', async () => {
		const { operation, stats } = tracked(false);
		await executeOperation.call(context(10, false), operation, { concurrency: 10, includeRateLimit: false });
		expect(stats.maxInFlight).toBe(1);
		expect(stats.started).toEqual(Array.from({ length: 10 }, (_, index) => index));
	});

	test('continueOnFail: a failed item becomes {error, description, httpCode, code} in its place', async () => {
		const apiError = () => {
			const error = new NodeApiError(node, { error: 'x' } as JsonObject, { message: 'Svc: bad (HTTP 400)', description: 'Why', httpCode: '400' });
			error.message = 'Svc: bad (HTTP 400)';
			error.context = { code: 'INVALID_IMEI' };
			return error;
		};
		const { operation } = tracked(true, (index) =>
			index === 2 ? apiError() : index === 4 ? new NodeOperationError(node, 'IMEI: is required', { description: 'Fix it' }) : index === 5 ? new Error('plain') : undefined,
		);
		const [output] = await executeOperation.call(context(6, true), operation, { concurrency: 4, includeRateLimit: false });
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 6 }, (_, index) => ({ item: index })));
		expect(output[2].json).toEqual({ error: 'Svc: bad (HTTP 400)', description: 'Why', httpCode: '400', code: 'INVALID_IMEI' });
		expect(output[4].json).toEqual({ error: 'IMEI: is required', description: 'Fix it' });
		expect(output[5].json).toEqual({ error: 'plain' });
		expect(output[3].json).toEqual({ index: 3 });
	});

	test('without continueOnFail the first failing item (by index) is thrown with its itemIndex, and no new item starts', async () => {
		const { operation, stats } = tracked(true, (index) => (index === 3 || index === 5 ? new NodeOperationError(node, `bad ${index}`) : undefined));
		const error = await executeOperation.call(context(40, false), operation, { concurrency: 4, includeRateLimit: false }).catch((caught: Error) => caught);
		expect((error as NodeOperationError).message).toBe('bad 3');
		expect((error as NodeOperationError).context.itemIndex).toBe(3);
		expect(stats.started.length).toBeLessThan(12);
	});

	test('an array result is one item per element, all paired with their input; an empty array gives none', async () => {
		const operation: Operation = {
			concurrent: true,
			properties: [],
			async run(item) {
				return Array.from({ length: item.index }, (_, n) => ({ n }));
			},
		};
		const [output] = await executeOperation.call(context(3, false), operation, { concurrency: 5, includeRateLimit: false });
		expect(output).toEqual([
			{ json: { n: 0 }, pairedItem: { item: 1 } },
			{ json: { n: 0 }, pairedItem: { item: 2 } },
			{ json: { n: 1 }, pairedItem: { item: 2 } },
		]);
	});

	test('_rateLimit only when asked for, as the state after that item’s call', async () => {
		const { operation } = tracked(true);
		const [plain] = await executeOperation.call(context(3, false), operation, { concurrency: 3, includeRateLimit: false });
		expect(plain[0].json).not.toHaveProperty('_rateLimit');
		const [withInfo] = await executeOperation.call(context(3, false), operation, { concurrency: 3, includeRateLimit: true });
		expect(withInfo.map((item) => item.json._rateLimit)).toEqual([
			{ limit: 10, remaining: 9 },
			{ limit: 10, remaining: 8 },
			{ limit: 10, remaining: 7 },
		]);
	});

	test.each([
		[5, 5],
		[1, 1],
		[0, 1],
		[-3, 1],
		[2.7, 2],
		['4', 4],
		['abc', 1],
		[NaN, 1],
		[undefined, 1],
		[500, 50],
	])('concurrency option %p → %i', (value, expected) => {
		expect(concurrencyOf(value)).toBe(expected);
	});

	test('errorJson never adds fields that are not on the error', () => {
		expect(errorJson(new Error('x'))).toEqual({ error: 'x' });
	});
});
