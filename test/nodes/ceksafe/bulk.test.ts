/**
 * A bulk run under a tight rate limit (100 requests per 2-second window, reset announced in whole
 * seconds): every item succeeds, in input order with its pairedItem, with (almost) no 429s.
 */
import { withLuhn } from '../../../simulator/ceksafe';
import { inputOrderOutput, runWorkflow } from '../../harness/run-workflow';
import { eachDialect, useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator({ ceksafe: { rateLimit: { mode: 'fixed', limit: 100, windowMs: 2000 } } });

/** Three windows: enough to meet each window's reset more than once (throughput itself is bench/'s). */
const ITEMS = 300;
/** Answered 429s allowed over the whole run (the pacer aims at none). */
const MAX_429 = 3;

// CekSafe's rate-limit headers are inferred: b announces the reset as seconds left and Retry-After as an
// HTTP date; minimal sends only Retry-After, so the pacer cannot see the window and meets 429s it sits out.
eachDialect(handle, (dialect) => {
	const announced = dialect !== 'minimal';

	test(`${ITEMS} IMEI checks at 100 per 2 s: all succeed, in order${announced ? `, with at most ${MAX_429} 429s` : ''}`, async () => {
		const input = Array.from({ length: ITEMS }, (_, index) => ({ imei: withLuhn(`353912${String(index).padStart(8, '0')}`) }));
		const started = Date.now();
		const run = await runWorkflow(
			chain({
				name: 'Check',
				type: 'cekSafe',
				parameters: { resource: 'imei', operation: 'check', imei: '={{ $json.imei }}', checkType: 'basic', options: { concurrency: 10, includeRateLimit: true } },
			}),
			{ credentials: handle.credentials(), input },
		);
		const seconds = (Date.now() - started) / 1000;
		inputOrderOutput(run, 'Check', ITEMS).forEach((item, index) => {
			expect(item.json).toMatchObject({ success: true, data: { imei: input[index].imei } });
			if (announced) expect(item.json._rateLimit).toMatchObject({ limit: 100, remaining: expect.any(Number) });
		});
		if (announced) expect(handle.sim.ceksafe.rateLimited).toBeLessThanOrEqual(MAX_429);
		expect(handle.sim.ceksafe.history('growth').length).toBe(150 + ITEMS);
		expect(handle.sim.ceksafe.requests.filter((entry) => entry.status === 200)).toHaveLength(ITEMS);
		// For the report only (no timing assertion): ideal is 6 s (three windows of 2 s).
		process.stdout.write(`CekSafe bulk: ${ITEMS} checks in ${seconds.toFixed(1)} s, ${handle.sim.ceksafe.rateLimited} answered 429\n`);
	});
});
