/**
 * Retries as the vendors ask: reads and checks are retried on 502/503/504, connection refusal and
 * 429, with backoff (honouring Retry-After) and bounded; calls that act or are billed are never
 * repeated after the server may have processed them, and the error says why. Faults are scripted
 * in the simulator: an injected fault answers before the API handler, so the API's own request log
 * shows only the attempts that reached it.
 */
import { withLuhn } from '../simulator/ceksafe';
import { flexUnlockFixtures } from '../simulator/flexunlock';
import type { FaultKind } from '../simulator/core/faults';
import { runWorkflow } from './harness/run-workflow';
import { useSimulator } from './harness/simulator';
import { chain } from './harness/workflow-builder';

const handle = useSimulator({ flexunlock: { orderStepMs: 0 } });

const script = (...faults: FaultKind[]) => handle.sim.config.faults.script.push(...faults);
afterEach(() => {
	handle.sim.config.faults.script.length = 0;
});

const check = (parameters: Record<string, unknown> = {}) =>
	chain({ name: 'Check', type: 'cekSafe', parameters: { resource: 'imei', operation: 'check', imei: '352099001761481', checkType: 'basic', ...parameters } });
const cekSafeCalls = () => handle.sim.ceksafe.requests.filter((entry) => entry.path === '/check');

describe('a CekSafe IMEI check (a pure check, billed per call)', () => {
	test('answered 503 twice: retried after Retry-After, and succeeds', async () => {
		script('error503', 'error503');
		const run = await runWorkflow(check(), { credentials: handle.credentials() });
		expect(run.error).toBeUndefined();
		expect(run.json('Check')).toEqual([expect.objectContaining({ success: true, data: expect.objectContaining({ imei: '352099001761481' }) })]);
		// The two 503s never reached the API: it saw (and billed) one check.
		expect(cekSafeCalls()).toHaveLength(1);
		expect(handle.sim.config.faults.script).toEqual([]);
	});

	test.each<FaultKind>(['error502', 'error504'])('answered %s once: retried, and succeeds', async (fault) => {
		script(fault);
		const run = await runWorkflow(check(), { credentials: handle.credentials() });
		expect(run.error).toBeUndefined();
		expect(cekSafeCalls()).toHaveLength(1);
	});

	test('answered 503 more often than the retry bound: fails, saying how often it tried', async () => {
		script('error503', 'error503', 'error503', 'error503', 'error503');
		const run = await runWorkflow(check(), { credentials: handle.credentials() });
		expect(run.error?.message).toBe('CekSafe: request failed (HTTP 503)');
		expect(run.error?.description).toMatch(/^POST \/check answered HTTP 503\. Tried 4 times \(backoff [\d.]+ s in all\)/);
		expect(handle.sim.config.faults.script).toEqual(['error503']);
	});

	test('a 500 is not repeated, and the error says why', async () => {
		script('error500');
		const run = await runWorkflow(check(), { credentials: handle.credentials() });
		expect(run.error?.message).toMatch(/^CekSafe: .*\(HTTP 500\)$/);
		expect(run.error?.description).toMatch(/It was not repeated: the server may have processed the request, and a billed check would be charged again/);
		expect(handle.sim.config.faults.script).toEqual([]);
	});

	test('a connection reset after sending is not repeated, and the error says why', async () => {
		script('connectionReset');
		const run = await runWorkflow(check(), { credentials: handle.credentials() });
		expect(run.error?.message).toBe('CekSafe: could not reach the service (connection reset)');
		expect(run.error?.description).toMatch(/^POST \/check at base URL /);
		expect(run.error?.description).toMatch(/may have reached the server, so it was not repeated \(a billed check would be charged again\)/);
	});

	test('100 checks with three 503s among them: every item succeeds', async () => {
		const input = Array.from({ length: 100 }, (_, index) => ({ imei: withLuhn(`35391200${String(index).padStart(6, '0')}`) }));
		script('none', 'error503', 'none', 'none', 'error503', 'none', 'none', 'none', 'error503');
		const run = await runWorkflow(check({ imei: '={{ $json.imei }}', options: { concurrency: 5 } }), { credentials: handle.credentials(), input });
		expect(run.error).toBeUndefined();
		expect(run.output('Check').filter((item) => item.json.success === true)).toHaveLength(100);
		expect(cekSafeCalls()).toHaveLength(100);
	});
});

describe('reads', () => {
	const history = () => chain({ name: 'History', type: 'cekSafe', parameters: { resource: 'history', operation: 'getMany', returnAll: false, limit: 5 } });

	test('a read is retried after a 500 and a connection reset', async () => {
		script('error500', 'connectionReset');
		const run = await runWorkflow(history(), { credentials: handle.credentials() });
		expect(run.error).toBeUndefined();
		expect(run.json('History')).toHaveLength(5);
	});

	test('connection refused: retried (nothing was sent), then a clear error', async () => {
		const credentials = handle.credentials();
		credentials.cekSafeApi = { ...credentials.cekSafeApi, baseUrl: 'http://127.0.0.1:9/v1' };
		const run = await runWorkflow(history(), { credentials });
		expect(run.error?.message).toBe('CekSafe: could not reach the service (connection refused)');
		expect(run.error?.description).toMatch(/^GET \/history at base URL http:\/\/127\.0\.0\.1:9\/v1 /);
		expect(run.error?.description).toMatch(/\(ECONNREFUSED\)\. Tried 4 times\. Check that the service is reachable\./);
	});
});

describe('calls that act', () => {
	test('a FlexUnlock order answered 503 is not repeated, and the error says why', async () => {
		script('error503');
		const before = handle.sim.flexunlock.orders.size;
		const run = await runWorkflow(
			chain({ name: 'Order', type: 'flexUnlock', parameters: { resource: 'unlock', operation: 'placeOrder', imei: flexUnlockFixtures.eligibleImei, carrier: 'AT&T', service: 'Premium' } }),
			{ credentials: handle.credentials() },
		);
		expect(run.error?.message).toBe('FlexUnlock: HTTP 503 (injected by the simulator) (HTTP 503)');
		expect(run.error?.description).toMatch(/It was not repeated: POST \/unlock\/order changes state/);
		expect(handle.sim.flexunlock.orders.size).toBe(before);
		expect(handle.sim.config.faults.script).toEqual([]);
	});

	test('a FlexyKey POST /Control answered 500 is not repeated', async () => {
		script('error500');
		const run = await runWorkflow(
			chain({ name: 'Control', type: 'flexyKey', parameters: { resource: 'control', operation: 'setOutput', unit: { __rl: true, mode: 'id', value: '3023' }, outputNumber: 'F1', outputAction: 'ON' } }),
			{ credentials: handle.credentials() },
		);
		expect(run.error?.message).toMatch(/\(HTTP 500\)$/);
		expect(run.error?.description).toMatch(/It was not repeated: the server may have processed the request, and POST \/Control is not safe to send twice/);
		expect(handle.sim.flexykey.requestLog.filter((entry) => entry.path === '/Control')).toHaveLength(0);
	});

	test('a write answered 429 is repeated after Retry-After (the server did not act)', async () => {
		Object.assign(handle.sim.config.flexunlock, { rateLimit: { mode: 'fixed', limit: 1, windowMs: 1000 } });
		const before = handle.sim.flexunlock.orders.size;
		try {
			const run = await runWorkflow(
				chain({ name: 'Order', type: 'flexUnlock', parameters: { resource: 'unlock', operation: 'placeOrder', imei: '={{ $json.imei }}', carrier: 'AT&T', service: 'Premium' } }),
				{ credentials: handle.credentials(), input: [{ imei: flexUnlockFixtures.eligibleImei }, { imei: flexUnlockFixtures.eligibleImei }, { imei: flexUnlockFixtures.eligibleImei }] },
			);
			expect(run.error).toBeUndefined();
			expect(handle.sim.flexunlock.orders.size).toBe(before + 3);
		} finally {
			Object.assign(handle.sim.config.flexunlock, { rateLimit: { mode: 'off', limit: 60, windowMs: 60_000 } });
		}
	});
});
