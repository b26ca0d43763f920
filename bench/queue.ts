/**
 * `npm run bench:queue`: this package on n8n in queue mode (scripts/n8n-queue.ts: PostgreSQL, Redis,
 * a main, a webhook process and two workers), against the simulator. Prints figures; asserts nothing.
 *
 * 1. Deliveries: N concurrent, genuinely signed deliveries (signed with the secret the trigger
 *    registered, as the vendor does; distinct bodies) to each trigger, and N to n8n's own Webhook node
 *    with header auth, one receiver after the other in the same topology and database settings →
 *    answers, executions, lost, duplicated, answer latency p50/p95/p99, and how the executions spread
 *    over the workers.
 * 2. Shared key: E executions of C CekSafe checks each, started at once, on one credential, spread over
 *    the workers, under a simulated limit of L per second → failed items, 429 answers, completion
 *    time ÷ (E·C / L), and which worker ran each execution.
 *
 * Flags: --deliveries 500   --warm-up 100 (an unreported first burst to the Webhook node; 0: none)   --checks 500   --executions 4   --limit 50/1s   --worker-concurrency 2
 *        --receivers flexunlock,flexykey,webhook (which, in that order; also flexunlock-v1, flexykey-v1: the triggers saved at version 1)   --skip-deliveries   --skip-checks   --env NAME=VALUE (for every n8n process; repeatable,
 *        e.g. --env DB_POSTGRESDB_POOL_SIZE=10)
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../simulator/index';
import { webhookHeaders } from '../simulator/flexykey/webhook-delivery';
import { N8nClient, type Execution, type WorkflowJson } from '../scripts/n8n-api';
import { ensureN8nInstalled, N8N_VERSION } from '../scripts/n8n-install';
import { startQueue, type QueueProcessInfo, type RunningQueue } from '../scripts/n8n-queue';
import { LOCAL_DIR } from '../scripts/paths';
import { ensureApiKey, ensureCredentials, ensureOwner, type CredentialRef, type CredentialRefs } from '../scripts/provision';
import { startCollector } from '../scripts/collector';
import { sleep, waitFor } from '../scripts/poll';
import { inputItems, parseLimit, readFlags } from './scenarios';

interface Options {
	deliveries: number;
	/** Deliveries of an unreported first burst (to the Webhook node) that warms the processes up. */
	warmUp: number;
	checks: number;
	executions: number;
	limit: { limit: number; windowMs: number };
	workerConcurrency: number;
	env: Record<string, string>;
	runDeliveries: boolean;
	runChecks: boolean;
	/** Receivers of the delivery bursts, in the order they run (keys of RECEIVERS). */
	receivers: string[];
}

function parseOptions(argv: string[]): Options {
	const options: Options = {
		deliveries: 500,
		warmUp: 100,
		checks: 500,
		executions: 4,
		limit: { limit: 50, windowMs: 1000 },
		workerConcurrency: 2,
		env: {},
		runDeliveries: true,
		runChecks: true,
		receivers: ['flexunlock', 'flexykey', 'webhook'],
	};
	readFlags(argv, (flag, value) => {
		if (flag === '--deliveries') options.deliveries = Number(value());
		else if (flag === '--warm-up') options.warmUp = Number(value());
		else if (flag === '--checks') options.checks = Number(value());
		else if (flag === '--executions') options.executions = Number(value());
		else if (flag === '--worker-concurrency') options.workerConcurrency = Number(value());
		else if (flag === '--skip-deliveries') options.runDeliveries = false;
		else if (flag === '--skip-checks') options.runChecks = false;
		else if (flag === '--receivers') options.receivers = value().split(',');
		else if (flag === '--limit') options.limit = parseLimit(value());
		else if (flag === '--env') {
			const [name, ...rest] = value().split('=');
			options.env[name] = rest.join('=');
		} else return false;
		return true;
	});
	const unknown = options.receivers.filter((name) => !(name in RECEIVERS));
	if (unknown.length > 0) throw new Error(`--receivers: unknown ${unknown.join(', ')} (known: ${Object.keys(RECEIVERS).join(', ')})`);
	return options;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Every execution of a workflow, through the public API's cursor pages. */
async function allExecutions(client: N8nClient, workflowId: string, includeData: boolean): Promise<Execution[]> {
	return await client.allPages<Execution>(`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${includeData}&`);
}

/** Waits until `expected` executions have finished, or until none has been added for `quietMs`. */
async function settle(client: N8nClient, workflowId: string, expected: number, quietMs = 15_000, timeoutMs = 600_000): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let lastChange = Date.now();
	for (;;) {
		const finished = (await allExecutions(client, workflowId, false)).filter((execution) => execution.status !== 'running' && execution.status !== 'new').length;
		if (finished !== last) {
			last = finished;
			lastChange = Date.now();
		}
		if (finished >= expected || Date.now() - lastChange > quietMs || Date.now() > deadline) return finished;
		await sleep(1000);
	}
}

/** Which worker's log says it ran each execution ("Worker started execution <id>"). */
function workerOf(processes: QueueProcessInfo[]): (executionId: string) => string {
	const started = new Map<string, string>();
	for (const process of processes.filter((candidate) => candidate.command === 'worker')) {
		for (const match of readFileSync(process.log, 'utf8').matchAll(/Worker started execution (\d+)/g)) started.set(match[1], process.name);
	}
	return (executionId) => started.get(executionId) ?? 'no worker';
}

function countBy<T>(values: T[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
	return counts;
}

const describeCounts = (counts: Record<string, number>) =>
	Object.entries(counts)
		.sort()
		.map(([key, count]) => `${key}: ${count}`)
		.join(', ');

/**
 * CPU time (user + system) a process has used so far, from /proc (Linux; undefined elsewhere). Latency under a
 * burst moves with everything else on the machine; the webhook process's CPU per delivery does much less.
 */
function cpuMs(pid: number): number | undefined {
	try {
		// Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return undefined;
	}
}

const webhookPid = (queue: RunningQueue) => Number(readFileSync(queue.webhookPidFile, 'utf8'));

/** One POST: its answer (status, or the network error's code) and how long the answer took. */
async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: string; ms: number }> {
	const started = Date.now();
	try {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		await res.arrayBuffer();
		return { status: String(res.status), ms: Date.now() - started };
	} catch (error) {
		return { status: (error as { cause?: { code?: string } }).cause?.code ?? 'network error', ms: Date.now() - started };
	}
}

interface Send {
	key: string;
	headers: Record<string, string>;
	body: string;
}

/** What each burst needs to know of the run: the sim, the balancer's address, the demo credentials. */
interface BurstRun {
	sim: Simulator;
	webhookUrl: string;
	refs: CredentialRefs;
	/** The Webhook node's header-auth credential and the header its sender adds. */
	headerAuth: { ref: CredentialRef; header: Record<string, string> };
}

/** Something receiving deliveries: one of the package's triggers, or n8n's own Webhook node. */
interface BurstTarget {
	label: string;
	/** The receiving node of the workflow (credentials filled in from the run). */
	node(run: BurstRun): WorkflowJson['nodes'][number];
	/** Once the target is live: its URL and N deliveries with distinct keys, authenticated as its sender does; undefined until then. */
	deliveries(run: BurstRun, node: WorkflowJson['nodes'][number], n: number): Promise<{ url: string; sends: Send[] } | undefined>;
	/** An n8n expression for the key of the delivery an execution ran, from the node's output. */
	keyExpression: string;
}

const RECEIVERS: Record<string, BurstTarget> = {
	flexunlock: {
		label: 'FlexUnlock Trigger',
		node: (run) => ({
			name: 'Receive',
			type: 'n8n-nodes-device-access.flexUnlockTrigger',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { events: ['unlock.completed', 'unlock.failed'] },
			credentials: { flexUnlockApi: run.refs.flexUnlockApi },
		}),
		async deliveries(run, node, n) {
			// Distinct events, each signed with the secret the trigger registered, as FlexUnlock signs them.
			const events = run.sim.flexunlock.signedBurst(n).filter((event) => event.url.includes(String(node.webhookId)));
			return events.length === n ? { url: events[0].url, sends: events } : undefined;
		},
		keyExpression: '$json.data.order_id',
	},
	flexykey: {
		label: 'FlexyKey Trigger',
		node: (run) => ({
			name: 'Receive',
			type: 'n8n-nodes-device-access.flexyKeyTrigger',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { unit: { __rl: true, mode: 'id', value: '3023' }, event: 'control.statusChanged', options: {} },
			credentials: { flexyKeyApi: run.refs.flexyKeyApi },
		}),
		async deliveries(run, node, n) {
			// This workflow's registration: the slot may still hold the previous burst's until its unpublish lands.
			const [config] = run.sim.flexykey.webhookConfigs(3023).filter((hook) => hook.isActive === 1 && hook.callbackUrl.includes(String(node.webhookId)));
			if (!config) return undefined;
			const status = run.sim.flexykey.ioState(3023);
			const base = Date.parse(status.statusTimestampIso);
			const sends = Array.from({ length: n }, (_, index) => {
				// Distinct status times make every delivery a distinct, genuinely signed event.
				const key = new Date(base + (index + 1) * 1000).toISOString();
				const body = JSON.stringify({ ...status, statusTimestampIso: key });
				return { key, headers: webhookHeaders(config, body, false), body };
			});
			return { url: config.callbackUrl, sends };
		},
		keyExpression: '$json.statusTimestampIso',
	},
	webhook: {
		label: "n8n's Webhook node (header auth)",
		node: (run) => {
			const path = `bench-queue-webhook-${randomUUID()}`;
			return {
				name: 'Receive',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', authentication: 'headerAuth', options: {} },
				credentials: { httpHeaderAuth: run.headerAuth.ref },
			};
		},
		async deliveries(run, node, n) {
			const url = `${run.webhookUrl}/webhook/${(node.parameters as { path: string }).path}`;
			// Live once a wrong token is refused (403) rather than the path unknown (404); nothing runs.
			if ((await post(url, { [Object.keys(run.headerAuth.header)[0]]: 'wrong' }, '{}')).status !== '403') return undefined;
			const sends = Array.from({ length: n }, (_, index) => {
				const key = `webhook_${index + 1}`;
				return { key, headers: run.headerAuth.header, body: JSON.stringify({ key }) };
			});
			return { url, sends };
		},
		keyExpression: '$json.body.key',
	},
};

/**
 * The same trigger as saved by a workflow at version 1: n8n 2.40 evaluates its Webhook-v1 body expression for
 * every start node at version 1 (docs/queue-mode.md, Figures), so the two versions are measured side by side.
 */
function savedAtVersion1(target: BurstTarget): BurstTarget {
	return { ...target, label: `${target.label} (saved at v1)`, node: (run) => ({ ...target.node(run), typeVersion: 1 }) };
}
RECEIVERS['flexunlock-v1'] = savedAtVersion1(RECEIVERS.flexunlock);
RECEIVERS['flexykey-v1'] = savedAtVersion1(RECEIVERS.flexykey);

/** Receiving node → HTTP Request to the collector with the delivery's key. */
function deliveryWorkflow(target: BurstTarget, node: WorkflowJson['nodes'][number], collectorUrl: string): WorkflowJson {
	return {
		name: `[bench:queue] ${target.label}`,
		nodes: [
			node,
			{
				name: 'Report',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [200, 0],
				parameters: { url: `=${collectorUrl}?key={{ encodeURIComponent(${target.keyExpression}) }}`, options: {} },
			},
		],
		connections: { [node.name]: { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
	};
}

/** The value below which `p` percent of the sorted values fall (nearest rank). */
function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function benchDeliveries(client: N8nClient, run: BurstRun, queue: RunningQueue, n: number, receivers: string[], warmUp: number): Promise<string[]> {
	const rows: string[] = [];
	const collector = await startCollector();
	// A burst to a process that has not served one yet is about twice as slow, whichever receiver it goes
	// to (JIT, pools): the first measured receiver would pay for all. A warm-up burst goes first, unreported.
	const bursts = [...(warmUp > 0 ? [{ name: 'webhook', n: warmUp, report: false }] : []), ...receivers.map((name) => ({ name, n, report: true }))];
	for (const { name, n, report } of bursts) {
		const target = RECEIVERS[name];
		collector.seen.clear();
		const node = target.node(run);
		const workflow = await client.createWorkflow(deliveryWorkflow(target, node, collector.url));
		await client.publishWorkflow(workflow.id);
		const { url, sends } = await waitFor(`${target.label} registered after publishing`, () => target.deliveries(run, node, n), 20_000, 200);
		// Registered is not yet routed: the balancer answers 503 until it has seen the webhook process ready,
		// and the process 404 until it knows the workflow. Live once an unauthenticated request is refused.
		await waitFor(`${target.label} routed by the balancer`, async () => (['401', '403'].includes((await post(url, {}, '{}')).status) ? true : undefined), 20_000, 200);
		const pid = webhookPid(queue);
		const cpuBefore = cpuMs(pid);
		const started = Date.now();
		const answers = await Promise.all(sends.map((send) => post(url, send.headers, send.body)));
		const answeredMs = Date.now() - started;
		const cpuAfter = cpuMs(pid);
		const cpuPerDelivery = cpuBefore === undefined || cpuAfter === undefined ? '–' : `${((cpuAfter - cpuBefore) / n).toFixed(1)} ms`;
		const statuses = answers.map((answer) => answer.status);
		const latencies = answers.map((answer) => answer.ms).sort((a, b) => a - b);
		const finished = await settle(client, workflow.id, statuses.filter((status) => status === '200').length);
		const allDoneMs = Date.now() - started;
		const executions = await allExecutions(client, workflow.id, false);
		const acknowledged = sends.filter((_, index) => statuses[index] === '200').map((send) => send.key);
		const lost = acknowledged.filter((key) => !collector.seen.has(key)).length;
		const duplicated = [...collector.seen.values()].reduce((sum, count) => sum + count - 1, 0);
		// Refused (5xx) but run anyway: a vendor that retries refused deliveries would run these twice.
		const refusedButRan = sends.filter((send, index) => statuses[index] !== '200' && collector.seen.has(send.key)).length;
		const worker = workerOf(queue.processes);
		if (report) rows.push(
			`| ${target.label} | ${n} | ${describeCounts(countBy(statuses))} | ${executions.length} (finished ${finished}) | ${collector.seen.size} | ${lost} | ${duplicated} | ${refusedButRan} | ` +
				`${seconds(percentile(latencies, 50))} / ${seconds(percentile(latencies, 95))} / ${seconds(percentile(latencies, 99))} s | ` +
				`${cpuPerDelivery} | ${describeCounts(countBy(executions.map((execution) => worker(execution.id))))} | ${seconds(answeredMs)} s / ${seconds(allDoneMs)} s |`,
		);
		await client.unpublishWorkflow(workflow.id);
	}
	await collector.close();
	return rows;
}

async function benchSharedKey(client: N8nClient, sim: Simulator, queue: RunningQueue, refs: CredentialRefs, options: Options): Promise<string[]> {
	const { limit } = options.limit;
	const windowMs = options.limit.windowMs;
	sim.config.ceksafe.rateLimit = { mode: 'fixed', limit, windowMs };
	const path = `bench-queue-ceksafe-${randomUUID()}`;
	const workflow = await client.createWorkflow({
		name: '[bench:queue] CekSafe checks on one credential',
		nodes: [
			{
				name: 'Start',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				name: 'IMEIs',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: 'return $input.first().json.body.imeis.map((imei) => ({ json: { imei } }));' },
			},
			{
				name: 'CekSafe',
				type: 'n8n-nodes-device-access.cekSafe',
				typeVersion: 1,
				position: [400, 0],
				// Failed items come out with `error` instead of failing the execution, so they can be counted.
				onError: 'continueRegularOutput',
				parameters: { resource: 'imei', operation: 'check', imei: '={{ $json.imei }}', checkType: 'basic' },
				credentials: { cekSafeApi: refs.cekSafeApi },
			},
		],
		connections: {
			Start: { main: [[{ node: 'IMEIs', type: 'main', index: 0 }]] },
			IMEIs: { main: [[{ node: 'CekSafe', type: 'main', index: 0 }]] },
		},
	});
	await client.publishWorkflow(workflow.id);
	const imeis = inputItems(options.executions * options.checks).map((item) => item.imei);
	const url = `${queue.webhookUrl}/webhook/${path}`;
	await waitFor('the shared-key workflow\'s webhook', async () => ((await post(url, {}, JSON.stringify({ imeis: [] }))).status !== '404' ? true : undefined), 10_000, 200);
	// The probe above ran one empty execution: count only the ones started now.
	await settle(client, workflow.id, 1, 5_000);
	const before = new Set((await allExecutions(client, workflow.id, false)).map((execution) => execution.id));
	const rejectedBefore = sim.ceksafe.rateLimited;
	const logBefore = sim.ceksafe.requests.length;
	const started = Date.now();
	const answers = await Promise.all(
		Array.from({ length: options.executions }, (_, index) =>
			post(url, {}, JSON.stringify({ imeis: imeis.slice(index * options.checks, (index + 1) * options.checks) })),
		),
	);
	await settle(client, workflow.id, options.executions + before.size, Infinity);
	const executions = (await allExecutions(client, workflow.id, true)).filter((execution) => !before.has(execution.id));
	const rejected = sim.ceksafe.rateLimited - rejectedBefore;
	const lastStop = Math.max(...executions.map((execution) => Date.parse((execution as Execution & { stoppedAt?: string }).stoppedAt ?? '') || 0));
	const elapsedMs = lastStop - started;
	const items = executions.flatMap((execution) => execution.data?.resultData.runData.CekSafe?.[0]?.data?.main[0] ?? []);
	const failed = options.executions * options.checks - items.filter((item) => (item.json as { success?: unknown }).success === true).length;
	const idealMs = ((options.executions * options.checks) / limit) * windowMs;
	const worker = workerOf(queue.processes);
	const windows = windowUse(sim.ceksafe.requests.slice(logBefore), started, lastStop, windowMs, limit);
	await client.unpublishWorkflow(workflow.id);
	return [
		`| ${options.executions} × ${options.checks} | ${limit} / ${windowMs} ms | ${describeCounts(countBy(answers.map((answer) => answer.status)))} | ${describeCounts(countBy(executions.map((execution) => execution.status)))} | ` +
			`${describeCounts(countBy(executions.map((execution) => worker(execution.id))))} | ${failed} | ${rejected} | ${seconds(elapsedMs)} s | ${seconds(idealMs)} s | ${(elapsedMs / idealMs).toFixed(2)} |`,
		'',
		windows,
	];
}

/**
 * Where the time went, from the simulator's request log: the fixed windows as the limiter opened them
 * (each by the first request after the previous one ended), how full they were, the time no window was
 * open, and the time before the first request and after the last one.
 */
function windowUse(entries: Array<{ at: string; status: number }>, started: number, lastStop: number, windowMs: number, limit: number): string {
	const times = entries.map((entry) => ({ at: Date.parse(entry.at), ok: entry.status !== 429 }));
	if (times.length === 0) return 'Windows: no requests.';
	const windows: Array<{ start: number; ok: number; rejected: number }> = [];
	for (const { at, ok } of times) {
		const current = windows[windows.length - 1];
		if (!current || at - current.start >= windowMs) windows.push({ start: at, ok: ok ? 1 : 0, rejected: ok ? 0 : 1 });
		else if (ok) current.ok++;
		else current.rejected++;
	}
	const idleMs = windows.slice(1).reduce((sum, window, index) => sum + window.start - (windows[index].start + windowMs), 0);
	const full = windows.filter((window) => window.ok >= limit).length;
	const underused = windows.slice(0, -1).reduce((sum, window) => sum + Math.max(0, limit - window.ok), 0);
	return (
		`Windows: ${windows.length} (${full} full; ${underused} requests of room left unused in the others but the last), ` +
		`idle between windows ${seconds(idleMs)} s, first request after ${seconds(times[0].at - started)} s, ` +
		`last execution stopped ${seconds(lastStop - times[times.length - 1].at)} s after the last request; ` +
		`allowed per window: ${windows.map((window) => window.ok + (window.rejected ? `+${window.rejected}×429` : '')).join(' ')}`
	);
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	await ensureN8nInstalled();
	const dir = join(LOCAL_DIR, 'bench-queue');
	rmSync(dir, { recursive: true, force: true });
	const sim = await startSimulator({ port: 0, flexunlock: { orderStepMs: 0 }, ceksafe: { rateLimit: { mode: 'off', limit: 0, windowMs: 1000 } } });
	let queue: RunningQueue | undefined;
	// Ctrl-C or a kill: stop every process and delete the databases' directories before leaving.
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			void Promise.allSettled([queue?.stop(), sim.stop()]).then(() => process.exit(130));
		});
	}
	try {
		const started = Date.now();
		queue = await startQueue({ dir, workers: 2, workerConcurrency: options.workerConcurrency, env: options.env });
		console.log(`[bench:queue] n8n ${N8N_VERSION} in queue mode ready in ${seconds(Date.now() - started)} s (main ${queue.mainUrl}, webhooks ${queue.webhookUrl}, 2 workers × concurrency ${options.workerConcurrency}${Object.keys(options.env).length ? `, ${JSON.stringify(options.env)}` : ''}); logs in ${dir}`);
		const client = new N8nClient(queue.mainUrl);
		await ensureOwner(client);
		await ensureApiKey(client, join(dir, 'api-key.json'));
		const { refs } = await ensureCredentials(client, sim.urls);
		const out: string[] = [];
		if (options.runDeliveries) {
			console.log(`[bench:queue] ${options.deliveries} concurrent deliveries to each trigger and to n8n's Webhook node…`);
			const token = randomUUID();
			const headerAuth = { ref: { ...(await client.createCredential('bench:queue header auth', 'httpHeaderAuth', { name: 'X-Bench-Token', value: token })), type: 'httpHeaderAuth' }, header: { 'X-Bench-Token': token } };
			const database = Object.entries(queue.databaseSettings)
				.map(([name, value]) => `${name}=${value}`)
				.join(', ');
			out.push(
				'',
				`### ${options.deliveries} concurrent deliveries to each trigger and to n8n's Webhook node (after an unreported warm-up burst of ${options.warmUp} to the Webhook node; queue mode, through ${queue.balancer === 'haproxy' ? 'HAProxy' : 'no load balancer'}; ${database})`,
				'',
				'| Receiver | Sent | Answers | Executions | Deliveries that ran | Lost (acknowledged, never ran) | Duplicated | Refused but ran | Answer latency p50 / p95 / p99 | Webhook process CPU per delivery | Ran on | Answered / all executions done |',
				'|---|---|---|---|---|---|---|---|---|---|---|---|',
				...(await benchDeliveries(client, { sim, webhookUrl: queue.webhookUrl, refs, headerAuth }, queue, options.deliveries, options.receivers, options.warmUp)),
			);
		}
		if (options.runChecks) {
			console.log(`[bench:queue] ${options.executions} executions × ${options.checks} CekSafe checks on one credential…`);
			out.push(
				'',
				'### CekSafe checks on one credential from both workers (queue mode)',
				'',
				'| Executions × checks | Simulated limit | Answers | Execution status | Ran on | Failed items | 429 answers | Completion | N / L | Ratio |',
				'|---|---|---|---|---|---|---|---|---|---|',
				...(await benchSharedKey(client, sim, queue, refs, options)),
			);
		}
		console.log(out.join('\n'));
	} finally {
		await queue?.stop();
		await sim.stop();
	}
}

main().catch((error: Error) => {
	console.error(`[bench:queue] ${error.stack ?? error.message}`);
	process.exit(1);
});
