/**
 * n8n in queue mode on one machine: PostgreSQL and Redis (queue-services.ts), one main process
 * (editor, API, trigger registration), one webhook process (production webhooks) and workers
 * (executions), each with its own user folder. Every process gets this package the way n8n's
 * queue-mode docs say: from a registry (a local one holding the current build, local-registry.ts),
 * the main process because `N8N_COMMUNITY_PACKAGES` names it, the others because the database
 * records it and `N8N_REINSTALL_MISSING_PACKAGES` is on. Used by the e2e suite
 * (`E2E_TOPOLOGY=queue`) and `npm run bench:queue`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishBuildToLocalRegistry, type PublishedBuild } from './local-registry';
import { freePort, startN8n, type N8nCommand, type RunningN8n } from './n8n-process';
import { startPostgres, startRedis, type RunningPostgres, type RunningService } from './queue-services';
import { startWebhookGate, type WebhookGate } from './webhook-gate';

export interface QueueOptions {
	/** Working directory: one user folder and one log per process, and the webhook process's pid file. */
	dir: string;
	workers?: number;
	/** Jobs each worker runs at once (`n8n worker --concurrency`); n8n's default is 10. */
	workerConcurrency?: number;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
}

export interface QueueProcessInfo {
	name: string;
	command: N8nCommand;
	/** Where the process listens: editor/API, webhooks, or a worker's health check. */
	url: string;
	/** Its log; a restarted webhook process logs to `webhook.<n>.log` next to the first one. */
	log: string;
}

export interface RunningQueue {
	mainUrl: string;
	/**
	 * The load balancer in front of the webhook process (webhook-gate.ts: it forwards only while the
	 * process is ready): every production webhook URL n8n registers points here.
	 */
	webhookUrl: string;
	processes: QueueProcessInfo[];
	/** Holds the pid of the current webhook process. */
	webhookPidFile: string;
	/** Starts a replacement whenever the webhook process exits (as a supervisor would), until stop(). */
	superviseWebhook(): void;
	stop(): Promise<void>;
}

/**
 * What a burst of deliveries needs from n8n's database settings (docs/queue-mode.md, "Bursts of
 * deliveries"). With n8n's defaults, 500 deliveries at once queue for the webhook process's 2 pooled
 * connections; its health check (`DbConnectionMonitor.ping`, every 2 s) waits in that queue too,
 * gives up after 5 s, marks the database "not connected" (every request then answers
 * `503 Database is not ready!`) and after 3 such pings tears the pool down to reconnect (requests in
 * flight fail with 500), while requests that wait over 20 s for a connection fail with 500 as well.
 */
const DATABASE_UNDER_LOAD: Record<string, string> = {
	DB_POSTGRESDB_POOL_SIZE: '10',
	// A ping that waits behind a long queue is not a lost database (a refused connection still fails at once).
	DB_PING_TIMEOUT_MS: '120000',
	// How long a request may wait for a pooled connection before it fails.
	DB_POSTGRESDB_CONNECTION_TIMEOUT: '120000',
};

/** The environment every process of the deployment shares (n8n's queue-mode docs). */
function sharedEnv(postgres: RunningPostgres, redis: RunningService, mainUrl: string, webhookUrl: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		...DATABASE_UNDER_LOAD,
		// Production webhook URLs (what the triggers register with the vendors) point at the load balancer.
		WEBHOOK_URL: `${webhookUrl}/`,
		N8N_WEBHOOK_URL: `${webhookUrl}/`,
		N8N_EDITOR_BASE_URL: `${mainUrl}/`,
		// Manual executions run on workers too, so every execution of this package happens there.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// The main process serves no production webhook: deliveries can only reach the webhook process.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
	};
}

interface Slot {
	info: QueueProcessInfo;
	running?: RunningN8n;
}

export async function startQueue(options: QueueOptions): Promise<RunningQueue> {
	mkdirSync(options.dir, { recursive: true });
	const slots: Slot[] = [];
	let postgres: RunningPostgres | undefined;
	let redis: RunningService | undefined;
	let gate: WebhookGate | undefined;
	let published: PublishedBuild | undefined;
	let stopping = false;
	const stop = async () => {
		stopping = true;
		await gate?.stop();
		await Promise.all(slots.map((slot) => slot.running?.stop()));
		await Promise.all([postgres?.stop(), redis?.stop(), published?.registry.stop()]);
	};

	try {
		[postgres, redis, published] = await Promise.all([
			startPostgres(join(options.dir, 'postgres.log')),
			startRedis(join(options.dir, 'redis.log')),
			publishBuildToLocalRegistry(join(options.dir, 'registry')),
		]);
		const mainPort = await freePort();
		const webhookPort = await freePort();
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const webhookProcessUrl = `http://127.0.0.1:${webhookPort}`;
		gate = await startWebhookGate(webhookProcessUrl);
		const webhookUrl = gate.url;
		const env = { ...sharedEnv(postgres, redis, mainUrl, webhookUrl), ...published.env, ...options.env };

		const launch = async (slot: Slot, port: number, command: N8nCommand, log: string) => {
			const userFolder = join(options.dir, slot.info.name);
			mkdirSync(userFolder, { recursive: true });
			const args = command === 'worker' && options.workerConcurrency ? [`--concurrency=${options.workerConcurrency}`] : [];
			try {
				slot.running = await startN8n({ userFolder, port, brokerPort: await freePort(), command, args, log, env });
			} catch (error) {
				throw new Error(`${slot.info.name}: ${(error as Error).message} (log: ${log})`);
			}
		};
		const add = (name: string, command: N8nCommand, url: string): Slot => {
			const slot: Slot = { info: { name, command, url, log: join(options.dir, `${name}.log`) } };
			slots.push(slot);
			return slot;
		};

		// The main process first: it migrates the database the others then use.
		const main = add('main', 'start', mainUrl);
		await launch(main, mainPort, 'start', main.info.log);
		const webhook = add('webhook', 'webhook', webhookProcessUrl);
		const workers = await Promise.all(
			Array.from({ length: options.workers ?? 2 }, async (_, index) => {
				const port = await freePort();
				return { slot: add(`worker-${index + 1}`, 'worker', `http://127.0.0.1:${port}`), port };
			}),
		);
		await Promise.all([
			launch(webhook, webhookPort, 'webhook', webhook.info.log),
			...workers.map(({ slot, port }) => launch(slot, port, 'worker', slot.info.log)),
		]);

		const webhookPidFile = join(options.dir, 'webhook.pid');
		const writePid = () => writeFileSync(webhookPidFile, String(webhook.running?.child.pid ?? ''));
		writePid();
		let restarts = 0;
		const superviseWebhook = () => {
			const watch = () =>
				webhook.running?.child.once('exit', () => {
					if (stopping) return;
					restarts++;
					const log = join(options.dir, `webhook.${restarts}.log`);
					launch(webhook, webhookPort, 'webhook', log).then(
						() => {
							if (stopping) void webhook.running?.stop();
							writePid();
							watch();
						},
						(error: Error) => console.error(`[queue] the webhook process did not restart: ${error.message}`),
					);
				});
			watch();
		};
		return { mainUrl, webhookUrl, processes: slots.map((slot) => slot.info), webhookPidFile, superviseWebhook, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
