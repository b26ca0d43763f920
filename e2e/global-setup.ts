/**
 * Once per `npm run test:e2e`: installs n8n if needed (cached in .n8n-local/), starts the simulator
 * (in this process, ephemeral port) and a real n8n with a fresh user folder and database that
 * installs the package from a registry at start (a local one holding the current build:
 * scripts/local-registry.ts), creates the owner, an API key and the demo credentials, and writes
 * what the tests need to `.n8n-local/e2e/context.json`.
 *
 * The topology comes from `E2E_TOPOLOGY`: `single` (default: one `n8n start` on SQLite) or `queue`
 * (`npm run test:e2e:queue`: PostgreSQL, Redis, a main, a webhook process and two workers, see
 * scripts/n8n-queue.ts). The same test files run against either.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../simulator/index';
import { N8nClient } from '../scripts/n8n-api';
import { ensureN8nInstalled } from '../scripts/n8n-install';
import { publishBuildToLocalRegistry } from '../scripts/local-registry';
import { freePort, startN8n } from '../scripts/n8n-process';
import { startQueue } from '../scripts/n8n-queue';
import { demoCredentials, ensureApiKey, ensureCredentials, ensureOwner } from '../scripts/provision';
import { CONTEXT_FILE, E2E_DIR, type E2eContext, type E2eTopology } from './context';

/** What the tests talk to, whichever the topology. */
interface Deployment {
	n8nUrl: string;
	webhookUrl: string;
	n8nLog: string;
	queue?: E2eContext['queue'];
	stop(): Promise<void>;
}

export interface E2eGlobals {
	sim?: Simulator;
	n8n?: { stop(): Promise<void> };
}

declare global {
	var deviceAccessE2e: E2eGlobals | undefined;
}

export function e2eTopology(): E2eTopology {
	const topology = process.env.E2E_TOPOLOGY ?? 'single';
	if (topology !== 'single' && topology !== 'queue') throw new Error(`E2E_TOPOLOGY must be "single" or "queue", not "${topology}"`);
	return topology;
}

async function startSingle(): Promise<Deployment> {
	const userFolder = join(E2E_DIR, 'user');
	mkdirSync(userFolder, { recursive: true });
	const { registry, env } = await publishBuildToLocalRegistry(join(E2E_DIR, 'registry'));
	const n8nLog = join(E2E_DIR, 'n8n.log');
	try {
		const n8n = await startN8n({ userFolder, port: await freePort(), brokerPort: await freePort(), log: n8nLog, env });
		const stop = async () => {
			await n8n.stop();
			await registry.stop();
		};
		return { n8nUrl: n8n.baseUrl, webhookUrl: n8n.baseUrl, n8nLog, stop };
	} catch (error) {
		await registry.stop();
		throw new Error(`${(error as Error).message} (log: ${n8nLog})`);
	}
}

async function startQueueDeployment(): Promise<Deployment> {
	const queue = await startQueue({ dir: join(E2E_DIR, 'queue'), workers: 2 });
	// Like a supervisor (Docker's restart policy): a test may kill the webhook process.
	queue.superviseWebhook();
	const main = queue.processes.find((process) => process.name === 'main')!;
	return {
		n8nUrl: queue.mainUrl,
		webhookUrl: queue.webhookUrl,
		n8nLog: main.log,
		queue: { processes: queue.processes, webhookPidFile: queue.webhookPidFile },
		stop: queue.stop,
	};
}

export default async function globalSetup(): Promise<void> {
	const globals: E2eGlobals = {};
	globalThis.deviceAccessE2e = globals;
	const topology = e2eTopology();
	await ensureN8nInstalled();
	rmSync(E2E_DIR, { recursive: true, force: true });
	mkdirSync(E2E_DIR, { recursive: true });

	// Short order steps and syncs keep the suite fast; limits stay at the plans' (generous) values.
	globals.sim = await startSimulator({
		port: 0,
		flexykey: { syncDurationMs: 300, statusCacheMs: 100, unitInfoDelayMs: 50 },
		flexunlock: { orderStepMs: 300 },
	});
	const started = Date.now();
	let deployment: Deployment;
	try {
		deployment = topology === 'queue' ? await startQueueDeployment() : await startSingle();
	} catch (error) {
		// Jest skips the teardown when the setup fails: stop what was started here.
		await globals.sim.stop();
		throw error;
	}
	globals.n8n = deployment;
	console.log(
		`\n[e2e] n8n (${topology}) ready at ${deployment.n8nUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
			`${topology === 'queue' ? `, webhooks at ${deployment.webhookUrl}` : ''}; simulator at ${globals.sim.baseUrl}`,
	);

	try {
		const client = new N8nClient(deployment.n8nUrl);
		await ensureOwner(client);
		await ensureApiKey(client, join(E2E_DIR, 'api-key.json'));
		const { refs } = await ensureCredentials(client, globals.sim.urls);
		const context: E2eContext = {
			topology,
			n8nUrl: deployment.n8nUrl,
			webhookUrl: deployment.webhookUrl,
			apiKey: client.apiKey,
			sessionCookie: client.cookie,
			simBaseUrl: globals.sim.baseUrl,
			simUrls: globals.sim.urls,
			credentials: refs,
			credentialData: Object.fromEntries(Object.entries(demoCredentials(globals.sim.urls)).map(([type, { data }]) => [type, data])),
			n8nLog: deployment.n8nLog,
			queue: deployment.queue,
		};
		writeFileSync(CONTEXT_FILE, JSON.stringify(context, null, '\t'));
	} catch (error) {
		await deployment.stop();
		await globals.sim.stop();
		throw error;
	}
}
