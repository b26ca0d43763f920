/**
 * What a node run reads once rather than once per item (see docs/performance.md):
 * the credential, and parameters that hold no expression. Expressions must still be evaluated for
 * each item.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { RunMemo } from '../../../nodes/shared/run-scope';
import { cekSafeFixtures } from '../../../simulator/ceksafe';
import { runWorkflow } from '../../harness/run-workflow';
import { useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator();

const check = (parameters: Record<string, unknown>, continueOnFail = false) =>
	chain({ name: 'Check', type: 'cekSafe', continueOnFail, parameters: { resource: 'imei', operation: 'check', ...parameters } });

test('a bulk check reads (decrypts) the credential once per node run, not once per request', async () => {
	const input = Array.from({ length: 20 }, () => ({ imei: cekSafeFixtures.cleanImei }));
	const run = await runWorkflow(check({ imei: '={{ $json.imei }}', checkType: 'basic' }), { credentials: handle.credentials(), input });
	expect(run.error).toBeUndefined();
	expect(run.json('Check').filter((row) => row.success === true)).toHaveLength(20);
	// Every request still carried the key: the simulator answers 401 without it.
	expect(handle.sim.ceksafe.requests.map((entry) => entry.status)).toEqual(Array(20).fill(200));
	expect(run.credentialReads.get('cekSafeApi')).toBe(1);
});

test('parameters given as expressions are still evaluated for each item', async () => {
	const input = [
		{ imei: cekSafeFixtures.cleanImei, type: 'total', validate: true },
		{ imei: cekSafeFixtures.cleanImei2, type: 'basic', validate: true },
		{ imei: cekSafeFixtures.badLuhnImei, type: 'basic', validate: true },
		{ imei: cekSafeFixtures.badLuhnImei, type: 'basic', validate: false },
	];
	const run = await runWorkflow(
		check({ imei: '={{ $json.imei }}', checkType: '={{ $json.type }}', options: { validateImei: '={{ $json.validate }}' } }, true),
		{ credentials: handle.credentials(), input },
	);
	const [total, basic, checkedLocally, sentUnchecked] = run.json('Check');
	expect(total).toMatchObject({ success: true, data: { imei: cekSafeFixtures.cleanImei, risk_analysis: expect.any(Object) } });
	expect(basic).toMatchObject({ success: true, data: { imei: cekSafeFixtures.cleanImei2 } });
	expect(basic.data).not.toHaveProperty('risk_analysis');
	expect(checkedLocally.error).toMatch(/^IMEI: ".*" is not a valid IMEI/);
	expect(sentUnchecked).toMatchObject({ error: 'CekSafe: IMEI check digit is invalid (HTTP 400)', httpCode: '400' });
	expect(handle.sim.ceksafe.requests.map((entry) => entry.status)).toEqual([200, 200, 400]);
});

describe('RunMemo.parameter (read once per run unless it is an expression)', () => {
	/** A context whose getNodeParameter resolves `=` values per item from `perItem` and counts evaluations. */
	function context(parameters: Record<string, unknown>, perItem: Array<Record<string, unknown>>) {
		const evaluations: string[] = [];
		const ctx = {
			getNodeParameter(name: string, itemIndex: number, fallback?: unknown, options?: { rawExpressions?: boolean }) {
				const raw = name in parameters ? parameters[name] : fallback;
				if (options?.rawExpressions) return raw;
				evaluations.push(name);
				return typeof raw === 'string' && raw.startsWith('=') ? perItem[itemIndex][raw.slice(1)] : raw;
			},
		} as unknown as IExecuteFunctions;
		const memo = new RunMemo();
		const itemParameter = (fns: IExecuteFunctions, name: string, index: number, fallback?: unknown) => memo.parameter(fns, name, index, fallback);
		return { ctx, evaluations, itemParameter };
	}

	test('a constant is evaluated once per node run, an expression for every item', () => {
		const perItem = [{ type: 'total' }, { type: 'basic' }, { type: 'total' }];
		const { ctx, evaluations, itemParameter } = context({ checkType: 'basic', dynamic: '=type' }, perItem);
		expect([0, 1, 2].map((index) => itemParameter(ctx, 'checkType', index))).toEqual(['basic', 'basic', 'basic']);
		expect([0, 1, 2].map((index) => itemParameter(ctx, 'dynamic', index))).toEqual(['total', 'basic', 'total']);
		expect([0, 1, 2].map((index) => itemParameter(ctx, 'missing', index, true))).toEqual([true, true, true]);
		expect(evaluations).toEqual(['checkType', 'dynamic', 'dynamic', 'dynamic', 'missing']);
	});

	test('objects are not shared between items', () => {
		const { ctx, evaluations, itemParameter } = context({ fields: { a: 1 } }, [{}, {}]);
		itemParameter(ctx, 'fields', 0);
		itemParameter(ctx, 'fields', 1);
		expect(evaluations).toEqual(['fields', 'fields']);
	});
});
