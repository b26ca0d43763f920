/**
 * Queue mode only (`npm run test:e2e:queue`; jest.e2e.config.js leaves this file out otherwise): the
 * trigger examples across n8n's processes. Registration happens once, from the main process, at
 * the webhook processes' URL (a load balancer in front of them); deliveries are served and verified there (the main process serves no
 * production webhook); executions run on the workers; publish/unpublish cycles leave no registration
 * behind. A burst of signed deliveries sent at once runs exactly once each. Restarting the webhook
 * process behind HAProxy while deliveries arrive loses nothing acknowledged.
 * The workflows are copies of the examples under their own names, unpublished at the end, so the
 * other files find the simulator and n8n as they expect.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Execution, N8nClient, WorkflowJson } from '../scripts/n8n-api';
import { loadExamples, withCredentials } from '../scripts/provision';
import { startCollector } from '../scripts/collector';
import { connect, isDone, readContext, simRequest, sleep, waitFor, waitForExecutions } from './context';
import { flexUnlockKeys, flexyKeyUsers } from '../simulator/demo-credentials';
import { flexUnlockFixtures } from '../simulator/flexunlock/catalogue';
import type { Delivery } from '../simulator/core/webhooks';
import type { SignedEvent } from '../simulator/flexunlock';

const context = readContext();
const queue = context.queue!;

interface SimState {
	flexunlock: { webhooks: Array<{ url: string }> };
	flexykey: { webhooks: Array<{ unitId: number; callbackUrl: string }> };
}

const simState = async () => (await simRequest<SimState>(context, 'GET', '/_sim/state')).body;
const registrations = async () => {
	const state = await simState();
	return { flexunlock: state.flexunlock.webhooks.map((hook) => hook.url), flexykey: state.flexykey.webhooks.map((hook) => hook.callbackUrl) };
};
const deliveries = async (api: string) => (await simRequest<Delivery[]>(context, 'GET', '/_sim/deliveries')).body.filter((delivery) => delivery.api === api);

/** Every log each process wrote (a restarted webhook process writes `webhook.<n>.log`). */
function logsOf(name: string): string {
	const info = queue.processes.find((process) => process.name === name)!;
	const restarts = name === 'webhook' ? [1, 2, 3].map((n) => info.log.replace(/\.log$/, `.${n}.log`)) : [];
	return [info.log, ...restarts].map((file) => (existsSync(file) ? readFileSync(file, 'utf8') : '')).join('\n');
}

/** The workers whose log says they ran the execution (n8n's "Worker started execution <id>"). */
function workersThatRan(executionId: string): string[] {
	return queue.processes
		.filter((process) => process.command === 'worker')
		.filter((process) => new RegExp(`Worker started execution ${executionId}\\b`).test(logsOf(process.name)))
		.map((process) => process.name);
}

async function importCopy(client: N8nClient, file: string): Promise<string> {
	const example = loadExamples().find((candidate) => candidate.file === file)!;
	// Own name and webhook ids, so it never collides with the copies triggers.e2e.test.ts publishes.
	const nodes = example.workflow.nodes.map((node) => (node.webhookId ? { ...node, webhookId: randomUUID() } : node));
	const workflow: WorkflowJson = { ...example.workflow, name: `${example.workflow.name} [queue]`, nodes };
	return (await client.createWorkflow(withCredentials(workflow, context.credentials))).id;
}

const basic = { authorization: `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}` };

/** Unit 3023's outputs, and a control call on it. */
const io = async () => (await simRequest<{ flexykey: { io: Record<string, { outputs: Record<string, string> }> } }>(context, 'GET', '/_sim/state')).body.flexykey.io['3023'].outputs;
const controlUnit = async (outputNumber: string, outputAction: string) =>
	expect((await simRequest(context, 'POST', '/flexykey/v1/Control', { headers: basic, body: { unitId: 3023, outputNumber, outputAction } })).status).toBe(200);

async function post(url: string, headers: Record<string, string>, body: string): Promise<number | 'refused'> {
	try {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 'refused';
	}
}

function countAnswers(answers: Array<number | 'refused'>): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const answer of answers) counts[String(answer)] = (counts[String(answer)] ?? 0) + 1;
	return counts;
}

const describeQueue = context.topology === 'queue' ? describe : describe.skip;

/** Deliveries sent at once in the burst test (issue: at least 200). */
const BURST = 200;

/** FlexUnlock Trigger → HTTP Request reporting the delivery's order id to the collector. */
function burstWorkflow(webhookId: string, collectorUrl: string): WorkflowJson {
	return {
		name: '[queue] FlexUnlock burst',
		nodes: [
			{
				name: 'FlexUnlock Trigger',
				type: 'n8n-nodes-device-access.flexUnlockTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { events: ['unlock.completed'] },
				credentials: { flexUnlockApi: context.credentials.flexUnlockApi },
			},
			{
				name: 'Report',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [200, 0],
				parameters: { url: `=${collectorUrl}?key={{ encodeURIComponent($json.data.order_id) }}`, options: {} },
			},
		],
		connections: { 'FlexUnlock Trigger': { main: [[{ node: 'Report', type: 'main', index: 0 }]] } },
	};
}

/** Every execution of the workflow, in any state (no data: cheap to ask often). */
const executionsOf = (client: N8nClient, workflowId: string) => client.allPages<Execution>(`/executions?workflowId=${encodeURIComponent(workflowId)}&`);

/** How many of the workflow's executions have finished. */
async function finishedCount(client: N8nClient, workflowId: string): Promise<number> {
	return (await executionsOf(client, workflowId)).filter(isDone).length;
}

describeQueue('queue mode: triggers across main, webhook process and workers', () => {
	let client: N8nClient;
	let flexUnlockId: string;
	let flexyKeyId: string;

	beforeAll(async () => {
		client = await connect(context);
		flexUnlockId = await importCopy(client, 'flexunlock-unlock-completed.json');
		flexyKeyId = await importCopy(client, 'flexykey-io-changed.json');
	});

	afterAll(async () => {
		for (const id of [flexUnlockId, flexyKeyId]) await client.unpublishWorkflow(id).catch(() => undefined);
	});

	it('runs one main, one webhook process and two workers on separate ports', () => {
		expect(queue.processes.map((process) => process.command).sort()).toEqual(['start', 'webhook', 'worker', 'worker']);
		expect(new Set(queue.processes.map((process) => process.url)).size).toBe(4);
		expect(context.webhookUrl).not.toBe(context.n8nUrl);
	});

	it('publish/unpublish cycles register exactly once, at the webhook process, and leave no registration behind', async () => {
		const before = await registrations();
		for (let cycle = 0; cycle < 3; cycle++) {
			await client.publishWorkflow(flexUnlockId);
			await client.publishWorkflow(flexyKeyId);
			const active = await waitFor('both registrations', async () => {
				const found = await registrations();
				return found.flexunlock.length > before.flexunlock.length && found.flexykey.length > before.flexykey.length ? found : undefined;
			});
			// One registration per trigger: four processes, one registration (the main process's).
			expect(active.flexunlock).toHaveLength(before.flexunlock.length + 1);
			expect(active.flexykey).toHaveLength(before.flexykey.length + 1);
			for (const url of [...active.flexunlock, ...active.flexykey]) expect(url.startsWith(`${context.webhookUrl}/webhook/`)).toBe(true);
			await client.unpublishWorkflow(flexUnlockId);
			await client.unpublishWorkflow(flexyKeyId);
			await waitFor('the registrations to go', async () => {
				const found = await registrations();
				return found.flexunlock.length === before.flexunlock.length && found.flexykey.length === before.flexykey.length ? true : undefined;
			});
		}
		expect(await registrations()).toEqual(before);
	});

	it('serves deliveries on the webhook process only, verifies them there and runs them on a worker', async () => {
		await client.publishWorkflow(flexUnlockId);
		await waitFor('the FlexUnlock registration', async () => ((await registrations()).flexunlock.length > 0 ? true : undefined));
		const res = await simRequest<{ order_id: string }>(context, 'POST', '/flexunlock/v1/unlock/order', {
			headers: { authorization: `Bearer ${flexUnlockKeys.bigSeller.key}` },
			body: { imei: flexUnlockFixtures.eligibleImei, carrier: 'T-Mobile', service: 'Activation' },
		});
		expect(res.status).toBe(200);
		const [execution] = await waitForExecutions(client, flexUnlockId, 1);
		expect(execution.status).toBe('success');
		expect(workersThatRan(execution.id)).toHaveLength(1);
		expect(logsOf('main')).not.toMatch(new RegExp(`Worker started execution ${execution.id}\\b`));

		const [recorded] = (await deliveries('flexunlock')).filter((delivery) => delivery.status === 200 && delivery.url.startsWith(context.webhookUrl)).slice(-1);
		expect(recorded).toBeDefined();
		const path = new URL(recorded.url).pathname;
		// The main process has no production webhooks: the same genuine delivery sent there runs nothing.
		expect(await post(`${context.n8nUrl}${path}`, recorded.headers, recorded.body)).toBe(404);
		// The webhook process checks the signature itself.
		const forged = { ...recorded.headers, 'X-FlexUnlock-Signature': '0'.repeat(64) };
		expect(await post(recorded.url, forged, recorded.body)).toBe(401);
		await sleep(2_000);
		expect(await client.executions(flexUnlockId)).toHaveLength(1);
		await client.unpublishWorkflow(flexUnlockId);
	});

	it(`a burst of ${BURST} signed deliveries sent at once runs exactly ${BURST} executions, none twice`, async () => {
		const collector = await startCollector();
		const webhookId = randomUUID();
		const { id } = await client.createWorkflow(burstWorkflow(webhookId, collector.url));
		try {
			await client.publishWorkflow(id);
			await waitFor('the burst workflow\'s registration', async () => ((await registrations()).flexunlock.some((url) => url.includes(webhookId)) ? true : undefined));
			// Distinct events, each signed with the secret the trigger registered, as FlexUnlock signs them.
			const burst = (await simRequest<SignedEvent[]>(context, 'POST', '/_sim/flexunlock/burst', { body: { count: BURST } })).body.filter((event) => event.url.includes(webhookId));
			expect(burst).toHaveLength(BURST);
			const started = Date.now();
			const answers = await Promise.all(burst.map((event) => post(event.url, event.headers, event.body)));
			console.log(`[queue] burst of ${BURST}: answers ${JSON.stringify(countAnswers(answers))}, the last after ${((Date.now() - started) / 1000).toFixed(1)} s`);
			expect(countAnswers(answers)).toEqual({ '200': BURST });

			// n8n 2.40 answers an onReceived delivery only once it has created (and queued) the delivery's
			// execution (WorkflowRunner.run before the deferred answer, webhook-helpers.js), and each execution
			// reports to the collector before it finishes. All deliveries are answered, so every execution
			// this burst will have exists now: once all are done, nothing more can run or report.
			const executions = await waitFor(
				`${BURST} executions, all done`,
				async () => {
					const all = await executionsOf(client, id);
					return all.length >= BURST && all.every(isDone) ? all : undefined;
				},
				300_000,
			);
			expect(executions).toHaveLength(BURST);
			expect(await finishedCount(client, id)).toBe(BURST);
			expect([...collector.seen.keys()].sort()).toEqual(burst.map((event) => event.key).sort());
			expect([...collector.seen.values()].filter((count) => count !== 1)).toEqual([]);
		} finally {
			await client.unpublishWorkflow(id).catch(() => undefined);
			await collector.close();
		}
	}, 600_000);

	// Deliveries go through HAProxy (scripts/haproxy.ts), which routes only to a webhook process whose
	// readiness check answers 200, with the settings docs/queue-mode.md gives. Sent straight to a
	// restarting n8n, some were answered `200 n8n is starting up. Please wait` and never ran: n8n
	// listens before its database is migrated (BaseCommand.init) and its middleware
	// (AbstractServer.setupHealthCheck) answers 200 to every request until then. Without HAProxy (not
	// installed, not root) there is nothing to check this against: skipped, and the setup says why.
	const behindBalancer = queue?.balancer === 'haproxy' ? it : it.skip;
	behindBalancer('a webhook process restart behind HAProxy loses no delivery it acknowledged, and runs none twice', async () => {
		await client.publishWorkflow(flexyKeyId);
		await waitFor('the FlexyKey registration', async () => ((await registrations()).flexykey.length > 0 ? true : undefined));
		const original = { ...(await io()) };
		try {
			await restartWhileDelivering(original);
		} finally {
			await client.unpublishWorkflow(flexyKeyId);
			await waitFor('the FlexyKey registration to go', async () => ((await registrations()).flexykey.length === 0 ? true : undefined));
			// Leave the unit as it was for the other files.
			for (const output of ['F1', 'F2']) if ((await io())[output] !== original[output]) await controlUnit(output, original[output]);
		}
	}, 400_000);

	async function restartWhileDelivering(original: Record<string, string>): Promise<void> {
		// A genuine delivery with the entrance output off (so the workflow does not act on the unit):
		// switch F1 off, then toggle F2 so that the unit's status changes whatever it was.
		await controlUnit('F1', 'OFF');
		await controlUnit('F2', original.F2 === 'ON' ? 'OFF' : 'ON');
		const recorded = await waitFor('a delivery with the entrance off', async () => {
			const found = (await deliveries('flexykey')).filter((delivery) => delivery.status === 200 && delivery.url.startsWith(context.webhookUrl) && /"F1"[^}]*"OFF"/.test(delivery.body));
			return found.length > 0 ? found[found.length - 1] : undefined;
		});
		const baseline = await waitFor('no execution left queued or running', async () => {
			const all = await client.executions(flexyKeyId);
			return all.length > 0 && all.every(isDone) ? all.length : undefined;
		});

		// Re-send it (FlexyKey Trigger runs repeated deliveries by default) while the process restarts.
		const answers: Array<number | 'refused'> = [];
		const send = async () => answers.push(await post(recorded.url, recorded.headers, recorded.body));
		for (let i = 0; i < 10; i++) await Promise.all([send(), send()]);
		const pid = Number(readFileSync(queue.webhookPidFile, 'utf8'));
		process.kill(pid, 'SIGTERM');
		const deadline = Date.now() + 150_000;
		let acceptedAfterRestart = 0;
		while (acceptedAfterRestart < 10 && Date.now() < deadline) {
			const before = answers.length;
			await Promise.all([send(), send()]);
			const restarted = Number(readFileSync(queue.webhookPidFile, 'utf8')) !== pid;
			if (restarted) acceptedAfterRestart += answers.slice(before).filter((answer) => answer === 200).length;
			await sleep(100);
		}
		expect(acceptedAfterRestart).toBeGreaterThanOrEqual(10);
		// While it stops and starts, some deliveries are refused (503 from the load balancer while no
		// process is ready, 500/503 when the old one has closed its database pool): not acknowledged,
		// so the vendor knows they failed, and they never ran (n8n answers only after queuing the job).
		// A delivery that got no answer at all (the stopping process dropped the connection; HAProxy's
		// 502/504) may have been queued just before: it may have run, at most once. What was
		// acknowledged must run, each once: so acknowledged ≤ executions ≤ acknowledged + unanswered.
		console.log(`[queue] deliveries during the webhook process restart: ${JSON.stringify(countAnswers(answers))}`);
		const acknowledged = answers.filter((answer) => answer === 200).length;
		const unanswered = answers.filter((answer) => answer === 'refused' || answer === 502 || answer === 504).length;
		// Generous: on a loaded machine the workers' Code-node runners can take a while.
		const executions = await waitForExecutions(client, flexyKeyId, baseline + acknowledged, 180_000);
		await sleep(3_000);
		const ran = (await client.executions(flexyKeyId)).length - baseline;
		expect(ran).toBeGreaterThanOrEqual(acknowledged);
		expect(ran).toBeLessThanOrEqual(acknowledged + unanswered);
		expect(executions.every((execution) => workersThatRan(execution.id).length === 1)).toBe(true);
	}
});
