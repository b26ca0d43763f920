/**
 * Proves the harness itself: n8n's credential test (as the credential modal runs it) for each
 * credential against the simulator, and a real workflow call per service through WorkflowExecute.
 */
import { cekSafeKeys, flexUnlockKeys, flexyKeyUsers } from '../../simulator/demo-credentials';
import { testCredential } from './credential-test';
import { loadPackageCredentials, loadPackageNodes } from './package-types';
import { runWorkflow } from './run-workflow';
import { useSimulator } from './simulator';
import { chain } from './workflow-builder';

const handle = useSimulator();

describe('package loading', () => {
	it('loads every credential and node that package.json lists', () => {
		expect([...loadPackageCredentials().keys()].sort()).toEqual(['cekSafeApi', 'flexUnlockApi', 'flexyKeyApi']);
		const nodes = loadPackageNodes();
		for (const name of ['flexyKey', 'flexUnlock', 'cekSafe']) {
			expect(nodes.has(`n8n-nodes-device-access.${name}`)).toBe(true);
		}
	});
});

describe('credential tests (as the credential modal runs them)', () => {
	it('FlexyKey: demo user passes, wrong password fails with a clear message', async () => {
		const ok = await testCredential('flexyKeyApi', handle.credentials().flexyKeyApi);
		expect(ok).toEqual({ status: 'OK', message: 'Connection successful!' });
		const bad = await testCredential('flexyKeyApi', { ...handle.credentials().flexyKeyApi, password: 'wrong' });
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/wrong username or password/i);
		expect(bad.message).not.toContain('wrong');
		const authHeaders = handle.sim.flexykey.requestLog.map((entry) => entry.username);
		expect(authHeaders).toContain(flexyKeyUsers.demo.username);
	});

	it('FlexUnlock: valid key passes, unknown key fails', async () => {
		expect((await testCredential('flexUnlockApi', handle.credentials().flexUnlockApi)).status).toBe('OK');
		const bad = await testCredential('flexUnlockApi', { ...handle.credentials().flexUnlockApi, apiKey: 'fu_not_a_key' });
		expect(bad).toEqual({ status: 'Error', message: 'Invalid API key' });
	});

	it('CekSafe: growth key passes, starter tier and unknown key fail with the reason', async () => {
		expect((await testCredential('cekSafeApi', handle.credentials().cekSafeApi)).status).toBe('OK');
		const starter = await testCredential('cekSafeApi', { ...handle.credentials().cekSafeApi, apiKey: cekSafeKeys.starter.key });
		expect(starter.status).toBe('Error');
		expect(starter.message).toMatch(/Growth tier/);
		const unknown = await testCredential('cekSafeApi', { ...handle.credentials().cekSafeApi, apiKey: 'nope' });
		expect(unknown).toEqual({ status: 'Error', message: 'Invalid API key' });
	});

	it('fails cleanly when nothing listens at the base URL', async () => {
		const result = await testCredential('cekSafeApi', { apiKey: cekSafeKeys.growth.key, baseUrl: 'http://127.0.0.1:9/v1' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED/);
	});
});

describe('a real workflow per service through WorkflowExecute', () => {
	it('CekSafe: IMEI check sends the Bearer key and returns the API JSON', async () => {
		const run = await runWorkflow(
			chain({ name: 'Check', type: 'cekSafe', parameters: { resource: 'imei', operation: 'check', imei: '={{ $json.imei }}', checkType: 'total' } }),
			{ credentials: handle.credentials(), input: [{ imei: '35-209900-176148-1' }] },
		);
		expect(run.error).toBeUndefined();
		const [item] = run.output('Check');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ success: true, data: { imei: '352099001761481' } });
		expect(handle.sim.ceksafe.history('growth').at(-1)).toMatchObject({ imei: '352099001761481', type: 'total' });
	});

	it('FlexUnlock and FlexyKey: the credential reaches the simulator through httpRequestWithAuthentication', async () => {
		// The action nodes' own suites cover their operations; here only the credential path matters.
		expect(flexUnlockKeys.bigSeller.key).toBe(handle.credentials().flexUnlockApi.apiKey);
		expect(handle.credentials({ flexyKeyUser: 'other' }).flexyKeyApi.username).toBe(flexyKeyUsers.other.username);
	});
});
