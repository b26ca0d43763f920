/**
 * `npm start`: the simulator plus a real n8n (installed on first run) with this package loaded as a
 * community package, an owner account, credentials pointing at the simulator and the example
 * workflows. Ctrl-C stops both. State lives in `.n8n-local/user/` (delete it to start over).
 *
 * Environment: N8N_PORT (default 5678), N8N_RUNNERS_BROKER_PORT (default 5679),
 * DEVICE_ACCESS_USER_FOLDER (default .n8n-local/user); simulator knobs as
 * for `npm run simulator` (SIM_PORT default 5680, flags after `npm start --`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CliError, parseCliOptions, usage } from '../simulator/cli-options';
import { flexUnlockKeys, flexyKeyUsers } from '../simulator/demo-credentials';
import { flexUnlockFixtures } from '../simulator/flexunlock';
import { startSimulator, type Simulator } from '../simulator/index';
import { DEMO_OWNER, N8nClient } from './n8n-api';
import { ensureN8nInstalled, N8N_VERSION } from './n8n-install';
import { installPackageInto, startN8n, type RunningN8n } from './n8n-process';
import { ensureApiKey, ensureCredentials, ensureOwner, importExamples, republishTriggerWorkflows, type ImportResult } from './provision';
import { LOCAL_DIR, ROOT } from './paths';

/**
 * Not n8n's own N8N_USER_FOLDER, which may be set for another n8n on this machine: the demo must never
 * write into that. The e2e suite points this at a scratch folder.
 */
const USER_FOLDER = process.env.DEVICE_ACCESS_USER_FOLDER || join(LOCAL_DIR, 'user');
const LOG_FILE = join(USER_FOLDER, 'n8n.log');

function portFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`${name} must be a TCP port, got "${raw}"`);
	return port;
}

const step = (message: string) => console.log(`[start] ${message}`);

/** The closing banner: where to click and what to try. */
function banner(n8nUrl: string, sim: Simulator, imports: ImportResult[], ownerCreated: boolean): string {
	const examples = imports.map(
		(result) =>
			`  - ${result.name}${result.published ? ' (published: listening for events)' : ''}${result.error ? `  ! not published: ${result.error}` : ''}`,
	);
	const fk = sim.urls.flexykey;
	const fu = sim.urls.flexunlock;
	const user = `${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`;
	return [
		'',
		'================================================================================',
		` n8n ${N8N_VERSION} with n8n-nodes-device-access:  ${n8nUrl}`,
		` Log in: ${DEMO_OWNER.email} / ${DEMO_OWNER.password}${ownerCreated ? '   (owner account just created)' : ''}`,
		` Simulator: ${sim.baseUrl}   (state: ${sim.baseUrl}/_sim/state)`,
		` Credentials: "FlexyKey (simulator)", "FlexUnlock (simulator)", "CekSafe (simulator)"`,
		'',
		' Example workflows:',
		...(examples.length > 0 ? examples : ['  (none found in examples/)']),
		'',
		' Try:',
		'  - Open "Booking to access" or "Bulk IMEI check and unlock" and click "Execute workflow".',
		'    Orders placed by the bulk workflow complete after a few seconds and start "Unlock completed".',
		'  - Fire FlexyKey events (the "Door/IO changed" workflow listens to unit 3023):',
		`      curl -s -u ${user} -H 'content-type: application/json' \\`,
		`        -d '{"unitId":3023,"outputNumber":"F1","outputAction":"3"}' ${fk}/Control`,
		`      curl -s -u ${user} -H 'content-type: application/json' \\`,
		`        -d '{"unitId":3023,"event":"control.statusChanged"}' ${fk}/Webhooks/Test`,
		'  - Place a FlexUnlock order directly (events: created → processing → completed):',
		`      curl -s -H 'authorization: Bearer ${flexUnlockKeys.bigSeller.key}' -H 'content-type: application/json' \\`,
		`        -d '{"imei":"${flexUnlockFixtures.eligibleImei}","carrier":"T-Mobile","service":"Activation"}' ${fu}/unlock/order`,
		'  - Then see Executions in n8n. Credentials can be tested from the credential modal.',
		'',
		` n8n log: ${relative(ROOT, LOG_FILE)}   State: ${relative(ROOT, USER_FOLDER)}/ (delete to start over)`,
		' Press Ctrl-C to stop n8n and the simulator.',
		'================================================================================',
	].join('\n');
}

async function main(): Promise<void> {
	let simOptions;
	try {
		simOptions = parseCliOptions(process.argv.slice(2), process.env);
	} catch (error) {
		if (!(error instanceof CliError)) throw error;
		console.error(`npm start: ${error.message}\n\nSimulator options:\n${usage}`);
		process.exitCode = 2;
		return;
	}
	const n8nPort = portFromEnv('N8N_PORT', 5678);
	const brokerPort = portFromEnv('N8N_RUNNERS_BROKER_PORT', 5679);
	const started = Date.now();

	let sim: Simulator | undefined;
	let n8n: RunningN8n | undefined;
	let stopping = false;
	const stopAll = async (code: number) => {
		if (stopping) return;
		stopping = true;
		step('stopping n8n and the simulator…');
		await n8n?.stop();
		await sim?.stop();
		process.exit(code);
	};
	process.once('SIGINT', () => void stopAll(0));
	process.once('SIGTERM', () => void stopAll(0));

	try {
		sim = await startSimulator(simOptions.config);
		step(`simulator listening on ${sim.baseUrl}`);

		await ensureN8nInstalled();
		mkdirSync(USER_FOLDER, { recursive: true });
		installPackageInto(USER_FOLDER);
		step(`starting n8n ${N8N_VERSION} on http://127.0.0.1:${n8nPort} (log: ${relative(ROOT, LOG_FILE)})`);
		n8n = await startN8n({ userFolder: USER_FOLDER, port: n8nPort, brokerPort, log: LOG_FILE });
		n8n.child.once('exit', (code, signal) => {
			if (stopping) return;
			console.error(`[start] n8n stopped unexpectedly (${signal ?? `exit ${code}`}); see ${relative(ROOT, LOG_FILE)}`);
			void stopAll(1);
		});

		const client = new N8nClient(n8n.baseUrl);
		const owner = await ensureOwner(client);
		await ensureApiKey(client, join(USER_FOLDER, 'start-state.json'));
		const { refs, created } = await ensureCredentials(client, sim.urls);
		if (created.length > 0) step(`created credentials: ${created.join(', ')}`);
		// Workflows published in an earlier run registered with an earlier simulator process.
		for (const result of await republishTriggerWorkflows(client)) {
			if (result.error) console.error(`[start] could not re-publish "${result.name}": ${result.error}`);
		}
		const imports = await importExamples(client, refs);
		const fresh = imports.filter((result) => result.status === 'imported');
		if (fresh.length > 0) step(`imported ${fresh.length} example workflow(s)`);

		console.log(banner(n8n.baseUrl, sim, imports, owner === 'created'));
		step(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	} catch (error) {
		console.error(`[start] ${(error as Error).message}`);
		if (existsSync(LOG_FILE)) console.error(`[start] n8n log: ${relative(ROOT, LOG_FILE)}`);
		await stopAll(1);
	}
}

void main();
