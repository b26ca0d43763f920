/**
 * What the shared transport does when the server misbehaves: state-changing calls are never
 * repeated once they may have reached the server, and every failure is a clear error.
 */
import { runWorkflow } from './harness/run-workflow';
import { useSimulator } from './harness/simulator';
import { chain } from './harness/workflow-builder';

const handle = useSimulator();

const checkWorkflow = () =>
	chain({ name: 'Check', type: 'cekSafe', parameters: { resource: 'imei', operation: 'check', imei: '352099001761481', checkType: 'basic' } });

function setFaults(faults: Partial<typeof handle.sim.config.faults>) {
	Object.assign(handle.sim.config.faults, { error500: 0, connectionReset: 0, malformedJson: 0, slow: 0, latencyMs: 0 }, faults);
}

afterEach(() => setFaults({}));

it('a 500 on a billed check is reported with the status and not repeated', async () => {
	setFaults({ error500: 1 });
	const before = handle.sim.ceksafe.requests.length;
	const run = await runWorkflow(checkWorkflow(), { credentials: handle.credentials() });
	expect(run.error?.message).toMatch(/CekSafe: .*\(HTTP 500\)/);
	// Injected faults happen before the API handler, so the API's own log must show nothing new.
	expect(handle.sim.ceksafe.requests.length).toBe(before);
});

it('a connection reset on a billed check fails once, saying the request may have reached the server', async () => {
	setFaults({ connectionReset: 1 });
	const run = await runWorkflow(checkWorkflow(), { credentials: handle.credentials() });
	expect(run.error?.message).toBe('CekSafe: could not reach the service (connection reset)');
	expect(run.error?.description).toMatch(/^POST \/check at base URL /);
	expect(run.error?.description).toMatch(/may have reached the server/);
});

it('malformed JSON from the server is an error, not a string passed downstream', async () => {
	setFaults({ malformedJson: 1 });
	const run = await runWorkflow(checkWorkflow(), { credentials: handle.credentials() });
	expect(run.error?.message).toBe("CekSafe: the service's answer is not valid JSON (HTTP 200)");
	expect(run.error?.description).toMatch(/^The answer to POST \/check was broken; /);
	expect(run.error?.description).toMatch(/may have been carried out/);
});

it('never puts the API key in an error', async () => {
	setFaults({ connectionReset: 1 });
	const credentials = handle.credentials();
	const run = await runWorkflow(checkWorkflow(), { credentials });
	const everything = JSON.stringify({ message: run.error?.message, description: run.error?.description, context: run.error?.context, cause: (run.error as { cause?: unknown })?.cause });
	expect(everything).not.toContain(String(credentials.cekSafeApi.apiKey));
});
