/**
 * The shared transport's rate-limit path against the simulator: a 429 is waited out (Retry-After)
 * and the item retried; a wait longer than an execution should sit out fails the item with the
 * vendor's message; a key the pacer knows to be spent fails fast without sending.
 */
import { cekSafeFixtures } from '../../../simulator/ceksafe';
import { cekSafeKeys, flexUnlockKeys } from '../../../simulator/demo-credentials';
import { runWorkflow } from '../../harness/run-workflow';
import { useSimulator } from '../../harness/simulator';
import { cekSafeCheckNode, flexUnlockCheckNode } from '../../harness/check-nodes';

const handle = useSimulator({ flexunlock: { orderStepMs: 0 } });

const cekSafeCheck = (credentialId: string, continueOnFail = false) => cekSafeCheckNode(credentialId, { continueOnFail, includeRateLimit: true });
const flexUnlockCheck = (credentialId: string, continueOnFail = false) => flexUnlockCheckNode(credentialId, { continueOnFail });

afterEach(() => {
	handle.sim.config.ceksafe.rateLimit = { mode: 'off', limit: 500, windowMs: 60_000 };
	handle.sim.config.flexunlock.rateLimit = { mode: 'off', limit: 60, windowMs: 60_000 };
});

test('a 429 is waited out (Retry-After) and the same item retried: it succeeds', async () => {
	handle.sim.config.ceksafe.rateLimit = { mode: 'fixed', limit: 1, windowMs: 1500 };
	// Another credential on the same key spends the window first.
	expect((await runWorkflow(cekSafeCheck('spender-1'), { credentials: handle.credentials() })).error).toBeUndefined();
	const run = await runWorkflow(cekSafeCheck('fresh-1'), { credentials: handle.credentials() });
	expect(run.error).toBeUndefined();
	expect(run.json('Check')[0]).toMatchObject({ success: true, data: { imei: cekSafeFixtures.cleanImei }, _rateLimit: { limit: 1, remaining: 0 } });
	expect(handle.sim.ceksafe.rateLimited).toBe(1);
	expect(handle.sim.ceksafe.requests.map((entry) => entry.status)).toEqual([200, 429, 200]);
});

test('CekSafe: a Retry-After beyond what an execution waits fails the item with the vendor message; then the spent key fails fast without sending', async () => {
	handle.sim.config.ceksafe.rateLimit = { mode: 'fixed', limit: 1, windowMs: 600_000 };
	await runWorkflow(cekSafeCheck('spender-2'), { credentials: handle.credentials() });
	const run = await runWorkflow(cekSafeCheck('fresh-2', true), { credentials: handle.credentials() });
	const [row] = run.json('Check');
	expect(row).toMatchObject({ error: 'CekSafe: Rate limit exceeded (HTTP 429)', httpCode: '429', code: 'RATE_LIMITED' });
	expect(row.description).toMatch(/wait 600 s/);
	expect(handle.sim.ceksafe.requests.map((entry) => entry.status)).toEqual([200, 429]);

	const again = await runWorkflow(cekSafeCheck('fresh-2'), { credentials: handle.credentials() });
	expect(again.error?.message).toMatch(/^CekSafe: rate limit reached; the next request is allowed at \d{4}-\d{2}-\d{2}T.*Z \(HTTP 429\)$/);
	expect(again.error?.httpCode).toBe('429');
	expect(handle.sim.ceksafe.requests).toHaveLength(2);
	expect(JSON.stringify(run.run.data.resultData) + JSON.stringify(again.run.data.resultData)).not.toContain(cekSafeKeys.growth.key);
});

test('FlexUnlock: a 429 that cannot be waited out carries the vendor message', async () => {
	handle.sim.config.flexunlock.rateLimit = { mode: 'fixed', limit: 1, windowMs: 900_000 };
	await runWorkflow(flexUnlockCheck('spender-3'), { credentials: handle.credentials() });
	const run = await runWorkflow(flexUnlockCheck('fresh-3'), { credentials: handle.credentials() });
	expect(run.error?.message).toBe('FlexUnlock: Rate limit exceeded (HTTP 429)');
	expect(run.error?.httpCode).toBe('429');
	expect(run.error?.description).toMatch(/^POST \/unlock\/check answered HTTP 429\. The server asks to wait 900 s/);
	expect(JSON.stringify(run.run.data.resultData)).not.toContain(flexUnlockKeys.bigSeller.key);
	expect(handle.sim.flexunlock.rateLimited).toBe(1);
});
