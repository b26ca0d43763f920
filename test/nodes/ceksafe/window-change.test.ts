/**
 * The pacer follows the server's newest window: after it learned 1000 requests per 60 s, the server
 * switches to 50 per second (plan change, sliding window, clock skew). The bulk run must not wait
 * for the stale reset nor fail items; two executions on one credential share what the pacer knows.
 * Timing is printed, not asserted (the virtual-time tests in test/nodes/shared/rate-limit.test.ts
 * assert the 1.2 × N/L bound deterministically).
 */
import { withLuhn } from '../../../simulator/ceksafe';
import { runWorkflow, type WorkflowRun } from '../../harness/run-workflow';
import { eachDialect, useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator({ ceksafe: { rateLimit: { mode: 'fixed', limit: 1000, windowMs: 60_000 } } });

const imeis = (count: number, offset: number) => Array.from({ length: count }, (_, index) => ({ imei: withLuhn(`3539${String(offset + index).padStart(10, '0')}`) }));
const checks = (input: Array<{ imei: string }>) =>
	runWorkflow(
		chain({ name: 'Check', type: 'cekSafe', parameters: { resource: 'imei', operation: 'check', imei: '={{ $json.imei }}', checkType: 'basic', options: { concurrency: 5 } } }),
		{ credentials: handle.credentials(), input },
	);
const failed = (run: WorkflowRun) => run.output('Check').filter((item) => item.json.success !== true).length;

// CekSafe's rate-limit headers are inferred: b announces the reset as seconds left (and Retry-After as an
// HTTP date), minimal sends only Retry-After, so the pacer has no window to learn and meets a 429 in each.
eachDialect(handle, (dialect) => {
	const announced = dialect !== 'minimal';

	test('learned 1000 per 60 s, the server now allows 50 per 1 s: 150 checks, no failed item, at most two 429s', async () => {
		const learn = await checks(imeis(20, 0));
		expect(learn.error).toBeUndefined();
		expect(handle.sim.ceksafe.rateLimited).toBe(0);

		handle.sim.config.ceksafe.rateLimit = { mode: 'fixed', limit: 50, windowMs: 1000 };
		const started = Date.now();
		const run = await checks(imeis(150, 1000));
		const seconds = (Date.now() - started) / 1000;
		expect(run.error).toBeUndefined();
		expect(run.output('Check')).toHaveLength(150);
		expect(failed(run)).toBe(0);
		if (announced) expect(handle.sim.ceksafe.rateLimited).toBeLessThanOrEqual(2);
		process.stdout.write(`window change: 150 checks at 50/s in ${seconds.toFixed(1)} s (ideal 3 s, ratio ${(seconds / 3).toFixed(2)}), ${handle.sim.ceksafe.rateLimited} answered 429\n`);
	});

	test('two executions at once on one credential at 50 per 1 s: 0 failed items', async () => {
		handle.sim.config.ceksafe.rateLimit = { mode: 'fixed', limit: 50, windowMs: 1000 };
		const [first, second] = await Promise.all([checks(imeis(75, 2000)), checks(imeis(75, 3000))]);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(failed(first) + failed(second)).toBe(0);
		expect(first.output('Check')).toHaveLength(75);
		expect(second.output('Check')).toHaveLength(75);
		process.stdout.write(`two executions: 150 checks, ${handle.sim.ceksafe.rateLimited} answered 429\n`);
	});
});
