/**
 * Once per `npm run test:e2e`: installs n8n if needed (cached in .n8n-local/), starts the simulator
 * (in this process, ephemeral port) and a real n8n with a fresh user folder and database, loads the
 * package the way users install it, creates the owner, an API key and the demo credentials, and
 * writes what the tests need to `.n8n-local/e2e/context.json`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../simulator/index';
import { N8nClient } from '../scripts/n8n-api';
import { ensureN8nInstalled } from '../scripts/n8n-install';
import { freePort, installPackageInto, startN8n, type RunningN8n } from '../scripts/n8n-process';
import { demoCredentials, ensureApiKey, ensureCredentials, ensureOwner } from '../scripts/provision';
import { CONTEXT_FILE, E2E_DIR, type E2eContext } from './context';

export interface E2eGlobals {
	sim?: Simulator;
	n8n?: RunningN8n;
}

declare global {
	var deviceAccessE2e: E2eGlobals | undefined;
}

export default async function globalSetup(): Promise<void> {
	const globals: E2eGlobals = {};
	globalThis.deviceAccessE2e = globals;
	await ensureN8nInstalled();

	rmSync(E2E_DIR, { recursive: true, force: true });
	const userFolder = join(E2E_DIR, 'user');
	mkdirSync(userFolder, { recursive: true });
	installPackageInto(userFolder);

	// Short order steps and syncs keep the suite fast; limits stay at the plans' (generous) values.
	globals.sim = await startSimulator({
		port: 0,
		flexykey: { syncDurationMs: 300, statusCacheMs: 100, unitInfoDelayMs: 50 },
		flexunlock: { orderStepMs: 300 },
	});
	const n8nLog = join(E2E_DIR, 'n8n.log');
	const started = Date.now();
	try {
		globals.n8n = await startN8n({ userFolder, port: await freePort(), brokerPort: await freePort(), log: n8nLog });
	} catch (error) {
		throw new Error(`${(error as Error).message} (log: ${n8nLog})`);
	}
	console.log(`\n[e2e] n8n ready at ${globals.n8n.baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s; simulator at ${globals.sim.baseUrl}`);

	const client = new N8nClient(globals.n8n.baseUrl);
	await ensureOwner(client);
	await ensureApiKey(client, join(E2E_DIR, 'api-key.json'));
	const { refs } = await ensureCredentials(client, globals.sim.urls);
	const context: E2eContext = {
		n8nUrl: globals.n8n.baseUrl,
		apiKey: client.apiKey,
		simBaseUrl: globals.sim.baseUrl,
		simUrls: globals.sim.urls,
		credentials: refs,
		credentialData: Object.fromEntries(Object.entries(demoCredentials(globals.sim.urls)).map(([type, { data }]) => [type, data])),
		n8nLog,
	};
	writeFileSync(CONTEXT_FILE, JSON.stringify(context, null, '\t'));
}
