/**
 * Bulk eligibility checks under a tight rate limit (100 requests per 2-second window, reset
 * announced in whole seconds): every item succeeds, in input order with its pairedItem, with
 * (almost) no 429s.
 */
import { withLuhn } from '../../../simulator/flexunlock';
import { inputOrderOutput, runWorkflow } from '../../harness/run-workflow';
import { useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator({ flexunlock: { orderStepMs: 0, rateLimit: { mode: 'fixed', limit: 100, windowMs: 2000 } } });

/** Three windows: enough to meet each window's reset more than once (throughput itself is bench/'s). */
const ITEMS = 300;
/** Answered 429s allowed over the whole run (the pacer aims at none). */
const MAX_429 = 3;
const CARRIERS = ['T-Mobile', 'AT&T', 'Verizon', 'Telstra'];
const SERVICES: Record<string, string[]> = {
	'T-Mobile': ['Activation', 'Active'],
	'AT&T': ['Activation', 'Active', 'Premium'],
	Verizon: ['Activation'],
	Telstra: ['Premium'],
};

test(`${ITEMS} eligibility checks at 100 per 2 s (default concurrency): all succeed, in order, with at most ${MAX_429} 429s`, async () => {
	const input = Array.from({ length: ITEMS }, (_, index) => ({
		imei: withLuhn(`358756${String(index).padStart(8, '0')}`),
		carrier: CARRIERS[index % CARRIERS.length],
	}));
	const started = Date.now();
	const run = await runWorkflow(
		chain({
			name: 'Check',
			type: 'flexUnlock',
			parameters: { resource: 'unlock', operation: 'checkEligibility', imei: '={{ $json.imei }}', carrier: '={{ $json.carrier }}' },
		}),
		{ credentials: handle.credentials(), input },
	);
	const seconds = (Date.now() - started) / 1000;
	inputOrderOutput(run, 'Check', ITEMS).forEach((item, index) => {
		// The answer does not echo the device, but the carrier decides the services: order is visible.
		expect(item.json).toMatchObject({ status: 'success', eligible: true, supported_services: SERVICES[input[index].carrier] });
		expect(item.json).not.toHaveProperty('_rateLimit');
	});
	expect(handle.sim.flexunlock.rateLimited).toBeLessThanOrEqual(MAX_429);
	expect(handle.sim.flexunlock.requests.filter((entry) => entry.status === 200)).toHaveLength(ITEMS);
	process.stdout.write(`FlexUnlock bulk: ${ITEMS} checks in ${seconds.toFixed(1)} s, ${handle.sim.flexunlock.rateLimited} answered 429\n`);
});
