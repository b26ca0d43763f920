/**
 * Runs the locally installed n8n (see n8n-install.ts) as a child process with an isolated user
 * folder and this package loaded as a community package. Shared by `npm start` and the e2e suite.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { N8N_BIN, NODE24, node24Env } from './n8n-install';
import { PACKAGE_NAME, ROOT } from './paths';
import { sleep } from './poll';

/** Fixed so credentials stored in a kept user folder stay readable across restarts; local use only. */
const ENCRYPTION_KEY = 'n8n-nodes-device-access-local-only';

/** `start`: the main process (editor, API, triggers); queue mode adds `webhook` and `worker` processes. */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface N8nOptions {
	/** n8n keeps its database, settings and community packages in `<userFolder>/.n8n`. */
	userFolder: string;
	/** HTTP port; a worker serves only its health check (`/healthz/readiness`) there. */
	port: number;
	command?: N8nCommand;
	/** Extra command-line arguments, e.g. `--concurrency=2` for a worker. */
	args?: string[];
	/** The task-runner broker port: every n8n process needs its own. */
	brokerPort: number;
	/** Where n8n's output goes: a file path, or 'inherit' for the terminal. */
	log: string | 'inherit';
	/** Extra environment (wins over the defaults). */
	env?: Record<string, string>;
}

export interface RunningN8n {
	baseUrl: string;
	child: ChildProcess;
	/** Resolves once the process is gone (SIGTERM, then SIGKILL after a grace period). */
	stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, for processes that need a port up front (n8n, its broker). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/**
 * Puts this package where n8n looks for manually installed community packages
 * (`<userFolder>/.n8n/nodes/node_modules/<name>`): package.json and dist, copied fresh so a rebuilt
 * package is what n8n loads. Its peer dependency n8n-workflow resolves from n8n's own tree.
 */
export function installPackageInto(userFolder: string): string {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	cpSync(join(ROOT, 'package.json'), join(target, 'package.json'));
	cpSync(join(ROOT, 'dist'), join(target, 'dist'), { recursive: true });
	return target;
}

/** n8n's environment for a local, offline, single-user instance (see docs: headless n8n). */
export function n8nEnv(options: N8nOptions): NodeJS.ProcessEnv {
	const baseUrl = `http://127.0.0.1:${options.port}`;
	return node24Env({
		// Jest sets NODE_ENV=test, under which n8n refuses to load nodes.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// Base of the webhook URLs trigger nodes register (n8n 2.x name of WEBHOOK_URL, which it deprecates).
		N8N_WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		// The simulator seeds "tomorrow's" bookings by the UTC day; the examples' $now follows this zone.
		GENERIC_TIMEZONE: 'UTC',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		DB_SQLITE_POOL_SIZE: '1',
		...(options.command === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(options.port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
			: {}),
		...options.env,
	});
}


/** Polls n8n's readiness endpoint (database up and migrated) until it answers 200. */
async function waitForReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited during start (${child.signalCode ?? `exit ${child.exitCode}`})`);
		}
		try {
			const res = await fetch(`${baseUrl}/healthz/readiness`);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	throw new Error(`n8n did not become ready at ${baseUrl} within ${timeoutMs / 1000} s`);
}

/** Starts `n8n start` (or the given command) and resolves once it is ready. */
export async function startN8n(options: N8nOptions, timeoutMs = 180_000): Promise<RunningN8n> {
	mkdirSync(options.userFolder, { recursive: true });
	const baseUrl = `http://127.0.0.1:${options.port}`;
	const child = spawn(NODE24, [N8N_BIN, options.command ?? 'start', ...(options.args ?? [])], {
		cwd: options.userFolder,
		env: n8nEnv(options),
		stdio: options.log === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
	});
	if (options.log !== 'inherit') {
		const out = createWriteStream(options.log);
		child.stdout?.pipe(out);
		child.stderr?.pipe(out);
	}
	// Never outlive the script that started it (e.g. one that fails before it can call stop()).
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	const exited = new Promise<void>((resolve) =>
		child.once('exit', () => {
			process.off('exit', killOnExit);
			resolve();
		}),
	);
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
		await exited;
		clearTimeout(timer);
	};
	try {
		await waitForReady(baseUrl, child, timeoutMs);
	} catch (error) {
		await stop();
		throw error;
	}
	return { baseUrl, child, stop };
}
