/**
 * The trigger examples in a real n8n: publishing registers exactly one webhook in the simulator,
 * simulator events start executions with the event's data, deliveries with a bad signature start
 * none, a verbatim redelivery runs and the example's Remove Duplicates node keeps it from acting
 * twice, and unpublishing removes the registration.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { flexUnlockKeys, flexyKeyUsers } from '../simulator/demo-credentials';
import { flexUnlockFixtures } from '../simulator/flexunlock/catalogue';
import type { Execution, N8nClient } from '../scripts/n8n-api';
import { NODE24 } from '../scripts/n8n-install';
import { importExamples, loadExamples } from '../scripts/provision';
import { connect, E2E_DIR, nodeOutput, readContext, simRequest, sleep, waitFor, waitForExecutions, type E2eContext } from './context';

const context = readContext();

interface Delivery {
	api: string;
	url: string;
	method: string;
	headers: Record<string, string>;
	body: string;
	status?: number;
}

interface SimState {
	flexunlock: { webhooks: Array<{ id: string; url: string; events: string[]; account: string }> };
	flexykey: {
		webhooks: Array<{ unitId: number; event: string; callbackUrl: string; isActive: number; secret: string | null; apiKey: string | null }>;
		io: Record<string, { outputs: Record<string, string> }>;
	};
}

const simState = async () => (await simRequest<SimState>(context, 'GET', '/_sim/state')).body;
const deliveries = async (api: string) => (await simRequest<Delivery[]>(context, 'GET', '/_sim/deliveries')).body.filter((delivery) => delivery.api === api);

/** Imports one example (unpublished) and returns its workflow id. */
async function importExample(client: N8nClient, file: string): Promise<string> {
	const example = loadExamples().filter((candidate) => candidate.file === file);
	expect(example).toHaveLength(1);
	const [result] = await importExamples(client, context.credentials, example, { publishTriggers: false });
	expect(result.status).toBe('imported');
	return result.id;
}

/** Sends a recorded delivery again, optionally altered; returns n8n's HTTP status. */
async function replay(delivery: Delivery, change: { headers?: Record<string, string | undefined>; body?: string } = {}): Promise<number> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	for (const [name, value] of Object.entries({ ...delivery.headers, ...change.headers })) if (value !== undefined) headers[name] = value;
	const res = await fetch(delivery.url, { method: delivery.method, headers, body: change.body ?? delivery.body });
	await res.arrayBuffer();
	return res.status;
}

/** Waits a moment and checks no execution was added beyond `count`. */
async function expectNoNewExecution(client: N8nClient, workflowId: string, count: number): Promise<void> {
	await sleep(2_000);
	expect(await client.executions(workflowId)).toHaveLength(count);
}

/**
 * Runs `work` while n8n's database refuses to create executions of `workflowId`, as a database timing
 * out under a burst does: a SQLite trigger aborts the insert, so n8n's `WorkflowRunner.run` throws
 * after the trigger node returned its data. Single topology only (one n8n on SQLite; the global setup's
 * user folder). The statement runs in n8n's own Node 24, whose `node:sqlite` opens the database beside n8n.
 */
async function withExecutionStartsFailing<T>(workflowId: string, work: () => Promise<T>): Promise<T> {
	const database = join(E2E_DIR, 'user', '.n8n', 'database.sqlite');
	const sql = (statement: string) =>
		execFileSync(NODE24, ['-e', "const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(process.argv[1]); db.exec('PRAGMA busy_timeout = 10000'); db.exec(process.argv[2]); db.close();", database, statement], {
			stdio: ['ignore', 'ignore', 'pipe'],
		});
	sql(`CREATE TRIGGER e2e_fail_execution_start BEFORE INSERT ON execution_entity WHEN NEW.workflowId = '${workflowId.replace(/'/g, "''")}' BEGIN SELECT RAISE(ABORT, 'e2e: the execution could not be saved'); END;`);
	try {
		return await work();
	} finally {
		sql('DROP TRIGGER IF EXISTS e2e_fail_execution_start;');
	}
}

const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

/** The workflow as n8n's public API returns it (what anyone with API access to it reads), as text. */
async function workflowAsReturned(workflowId: string): Promise<{ text: string; staticData: unknown }> {
	const res = await fetch(`${context.n8nUrl}/api/v1/workflows/${workflowId}`, { headers: { 'X-N8N-API-KEY': context.apiKey } });
	expect(res.status).toBe(200);
	const text = await res.text();
	return { text, staticData: (JSON.parse(text) as { staticData?: unknown }).staticData };
}

function stringsIn(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringsIn);
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
	return [];
}

/**
 * Asserts that the workflow JSON holds no secret: none of `secrets` appears in it, and no string in it
 * signs the recorded delivery (so none is the webhook secret, whatever it is). Its static data must
 * be there (with the registration's nonce), or the search would prove nothing.
 */
async function expectNoSecretIn(workflowId: string, delivery: Delivery, signatureHeader: string, secrets: string[]): Promise<void> {
	const { text, staticData } = await workflowAsReturned(workflowId);
	expect(text).toContain('"nonce"');
	expect(JSON.stringify(staticData)).toContain('webhookId');
	for (const secret of secrets) {
		expect(secret.length).toBeGreaterThanOrEqual(8);
		expect(text).not.toContain(secret);
	}
	const signature = delivery.headers[signatureHeader];
	expect(signature).toMatch(/^[0-9a-f]{64}$/);
	const signers = stringsIn(JSON.parse(text)).filter((candidate) => createHmac('sha256', candidate).update(delivery.body).digest('hex') === signature);
	expect(signers).toEqual([]);
}

describe('FlexUnlock Trigger (example "Unlock completed → act on it")', () => {
	let client: N8nClient;
	let workflowId: string;
	const auth = { authorization: `Bearer ${flexUnlockKeys.bigSeller.key}` };
	const placeOrder = async (ctx: E2eContext, imei: string) => {
		const res = await simRequest<{ order_id: string }>(ctx, 'POST', '/flexunlock/v1/unlock/order', {
			headers: auth,
			body: { imei, carrier: 'T-Mobile', service: 'Activation' },
		});
		expect(res.status).toBe(200);
		return res.body.order_id;
	};
	const byOrder = (executions: Execution[], orderId: string) =>
		executions.filter((execution) => (nodeOutput(execution, 'FlexUnlock Trigger')[0].data as { order_id: string }).order_id === orderId);

	beforeAll(async () => {
		client = await connect(context);
		workflowId = await importExample(client, 'flexunlock-unlock-completed.json');
	});

	it('registers exactly one webhook when published', async () => {
		expect((await simState()).flexunlock.webhooks).toHaveLength(0);
		await client.publishWorkflow(workflowId);
		const hooks = await waitFor('the FlexUnlock registration', async () => {
			const found = (await simState()).flexunlock.webhooks;
			return found.length > 0 ? found : undefined;
		});
		expect(hooks).toHaveLength(1);
		expect(hooks[0].url.startsWith(`${context.webhookUrl}/webhook/`)).toBe(true);
		expect([...hooks[0].events].sort()).toEqual(['unlock.completed', 'unlock.failed']);
		expect(hooks[0].account).toBe('bigSeller');
	});

	it('runs once per completed order, with the unlock code in the customer message', async () => {
		const orderId = await placeOrder(context, flexUnlockFixtures.eligibleImei);
		const executions = await waitForExecutions(client, workflowId, 1);
		const mine = byOrder(executions, orderId);
		expect(mine).toHaveLength(1);
		expect(mine[0].status).toBe('success');
		const trigger = nodeOutput(mine[0], 'FlexUnlock Trigger')[0] as { event: string; data: Record<string, string> };
		expect(trigger.event).toBe('unlock.completed');
		expect(trigger.data).toMatchObject({ order_id: orderId, status: 'completed', imei: flexUnlockFixtures.eligibleImei });
		expect(trigger.data.unlock_code).toMatch(/^\d{16}$/);
		const [message] = nodeOutput(mine[0], 'Customer Message');
		expect(message).toMatchObject({ orderId, imei: flexUnlockFixtures.eligibleImei, unlockCode: trigger.data.unlock_code });
		expect(message.message).toContain(trigger.data.unlock_code);
		// created and processing were not subscribed: still exactly one execution for this order
		await sleep(1_000);
		expect(byOrder(await client.executions(workflowId), orderId)).toHaveLength(1);
	});

	it('routes a failed order to the failure branch', async () => {
		const before = (await client.executions(workflowId)).length;
		const orderId = await placeOrder(context, flexUnlockFixtures.failingImeis[0]);
		const executions = await waitForExecutions(client, workflowId, before + 1);
		const [execution] = byOrder(executions, orderId);
		expect((nodeOutput(execution, 'FlexUnlock Trigger')[0] as { event: string }).event).toBe('unlock.failed');
		expect(nodeOutput(execution, 'Failure Follow-up')[0]).toMatchObject({ orderId, imei: flexUnlockFixtures.failingImeis[0] });
		expect(execution.data?.resultData.runData['Customer Message']).toBeUndefined();
	});

	it('refuses a delivery with a bad signature or a changed body, and starts no execution', async () => {
		const [recorded] = (await deliveries('flexunlock')).filter((delivery) => delivery.status === 200).slice(-1);
		expect(recorded).toBeDefined();
		const count = (await client.executions(workflowId)).length;
		const signature = recorded.headers['X-FlexUnlock-Signature'];
		expect(await replay(recorded, { headers: { 'X-FlexUnlock-Signature': flip(signature) } })).toBe(401);
		expect(await replay(recorded, { headers: { 'X-FlexUnlock-Signature': undefined } })).toBe(401);
		expect(await replay(recorded, { body: recorded.body.replace('"data":{', '"data":{"extra":1,') })).toBe(401);
		await expectNoNewExecution(client, workflowId, count);
	});

	it('runs a verbatim redelivery (the trigger drops nothing), and Skip Repeated Events keeps the order event from being acted on twice', async () => {
		const [recorded] = (await deliveries('flexunlock')).filter((delivery) => delivery.status === 200).slice(-1);
		const { event, data } = JSON.parse(recorded.body) as { event: string; data: { order_id: string } };
		const count = (await client.executions(workflowId)).length;
		expect(await replay(recorded)).toBe(200);
		const [latest] = await waitForExecutions(client, workflowId, count + 1);
		expect(latest.status).toBe('success');
		expect(nodeOutput(latest, 'FlexUnlock Trigger')[0]).toMatchObject({ event, data: { order_id: data.order_id } });
		// Remove Duplicates saw this order ID and event in the first execution (kept in n8n's database).
		expect(nodeOutput(latest, 'Skip Repeated Events')).toEqual([]);
		expect(latest.data?.resultData.runData['Customer Message']).toBeUndefined();
		expect(latest.data?.resultData.runData['Failure Follow-up']).toBeUndefined();
	});

	(context.topology === 'single' ? it : it.skip)('a delivery n8n fails to start (its database refuses the execution: 500) runs when it is delivered again', async () => {
		const before = (await client.executions(workflowId)).length;
		const { orderId, delivery } = await withExecutionStartsFailing(workflowId, async () => {
			const placed = await placeOrder(context, flexUnlockFixtures.eligibleImei);
			const answered = await waitFor('the unlock.completed delivery', async () =>
				(await deliveries('flexunlock')).find((candidate) => candidate.status !== undefined && candidate.body.includes(`"order_id":"${placed}"`) && candidate.body.includes('"unlock.completed"')),
			);
			return { orderId: placed, delivery: answered };
		});
		expect(delivery.status).toBe(500);
		await expectNoNewExecution(client, workflowId, before);

		// The same signed body, delivered again now that n8n can save executions: it runs, and acts.
		expect(await replay(delivery)).toBe(200);
		const [latest] = await waitForExecutions(client, workflowId, before + 1);
		expect(nodeOutput(latest, 'FlexUnlock Trigger')[0]).toMatchObject({ event: 'unlock.completed', data: { order_id: orderId } });
		expect(nodeOutput(latest, 'Customer Message')[0]).toMatchObject({ orderId });
	});

	it('keeps no secret in the workflow: the public API returns neither the webhook secret nor the API key', async () => {
		const [recorded] = (await deliveries('flexunlock')).filter((delivery) => delivery.status === 200).slice(-1);
		await expectNoSecretIn(workflowId, recorded, 'X-FlexUnlock-Signature', [
			flexUnlockKeys.bigSeller.key,
			...Object.values(context.credentialData.flexUnlockApi ?? {}).filter((value) => !/^https?:/.test(value)),
		]);
	});

	it('removes the registration when unpublished', async () => {
		await client.unpublishWorkflow(workflowId);
		await waitFor('the FlexUnlock registration to go', async () => ((await simState()).flexunlock.webhooks.length === 0 ? true : undefined));
	});
});

describe('FlexyKey Trigger (example "Door/IO changed → react")', () => {
	let client: N8nClient;
	let workflowId: string;
	const basic = { authorization: `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}` };
	const triggerJson = (execution: Execution) => nodeOutput(execution, 'FlexyKey Trigger')[0] as {
		unitId: number;
		fOutputs: Array<{ globalNumber: string; state: string }>;
		_webhook: { testHeader: boolean; event: string; unitId: number };
	};

	beforeAll(async () => {
		client = await connect(context);
		workflowId = await importExample(client, 'flexykey-io-changed.json');
	});

	it('registers exactly one webhook for the unit when published', async () => {
		expect((await simState()).flexykey.webhooks).toHaveLength(0);
		await client.publishWorkflow(workflowId);
		const hooks = await waitFor('the FlexyKey registration', async () => {
			const found = (await simState()).flexykey.webhooks;
			return found.length > 0 ? found : undefined;
		});
		expect(hooks).toHaveLength(1);
		expect(hooks[0]).toMatchObject({ unitId: 3023, event: 'control.statusChanged', isActive: 1 });
		expect(hooks[0].callbackUrl.startsWith(`${context.webhookUrl}/webhook/`)).toBe(true);
	});

	it('runs on a control change and pulses the staff entrance when the entrance unlocks', async () => {
		const res = await simRequest(context, 'POST', '/flexykey/v1/Control', {
			headers: basic,
			body: { unitId: 3023, outputNumber: 'F1', outputAction: 'ON' },
		});
		expect(res.status).toBe(200);
		const [execution] = await waitForExecutions(client, workflowId, 1);
		expect(execution.status).toBe('success');
		const trigger = triggerJson(execution);
		expect(trigger.unitId).toBe(3023);
		expect(trigger.fOutputs).toContainEqual({ globalNumber: 'F1', state: 'ON' });
		expect(trigger._webhook).toMatchObject({ testHeader: false, event: 'control.statusChanged', unitId: 3023 });
		expect(nodeOutput(execution, 'Describe Change')[0]).toMatchObject({ unitId: 3023, entranceUnlocked: true, outputsOn: 'F1' });
		expect(nodeOutput(execution, 'Open Staff Entrance')[0]).toMatchObject({ status: 'OK', unitId: 3026, outputNumber: 'F2', outputAction: '5' });
		expect((await simState()).flexykey.io['3026'].outputs.F2).toBe('ON');
	});

	it('runs a redelivery of that report (the trigger drops nothing), and Skip Repeated Reports keeps the staff entrance from pulsing twice', async () => {
		const [recorded] = (await deliveries('flexykey'))
			.filter((delivery) => delivery.status === 200 && !delivery.headers['X-Webhook-Test'] && /"F1"[^}]*"ON"/.test(delivery.body))
			.slice(-1);
		expect(recorded).toBeDefined();
		const count = (await client.executions(workflowId)).length;
		expect(await replay(recorded)).toBe(200);
		const [latest] = await waitForExecutions(client, workflowId, count + 1);
		expect(latest.status).toBe('success');
		expect(nodeOutput(latest, 'FlexyKey Trigger')[0]).toMatchObject({ unitId: 3023, statusTimestampIso: (JSON.parse(recorded.body) as { statusTimestampIso: string }).statusTimestampIso });
		expect(nodeOutput(latest, 'Entrance Unlocked?')).toHaveLength(1);
		// Remove Duplicates saw this unit and status time when the report first ran (kept in n8n's database).
		expect(nodeOutput(latest, 'Skip Repeated Reports')).toEqual([]);
		expect(latest.data?.resultData.runData['Open Staff Entrance']).toBeUndefined();
	});

	it('runs on a webhook test, marked as a test, without acting', async () => {
		const before = (await client.executions(workflowId)).length;
		const res = await simRequest<{ success: boolean }>(context, 'POST', '/flexykey/v1/Webhooks/Test', {
			headers: basic,
			body: { unitId: 3023, event: 'control.statusChanged' },
		});
		expect(res.body.success).toBe(true);
		const executions = await waitForExecutions(client, workflowId, before + 1);
		const test = executions.find((execution) => triggerJson(execution)._webhook.testHeader);
		expect(test).toBeDefined();
		expect(nodeOutput(test!, 'Describe Change')[0]).toMatchObject({ testDelivery: true });
		expect(test!.data?.resultData.runData['Open Staff Entrance']).toBeUndefined();
	});

	it('refuses a delivery with a bad signature, a changed body or no API key, and starts no execution', async () => {
		const [recorded] = (await deliveries('flexykey')).filter((delivery) => delivery.status === 200).slice(-1);
		expect(recorded).toBeDefined();
		const count = (await client.executions(workflowId)).length;
		expect(await replay(recorded, { headers: { 'X-Signature': flip(recorded.headers['X-Signature']) } })).toBe(401);
		expect(await replay(recorded, { body: recorded.body.replace('"unitId":3023', '"unitId":3024') })).toBe(401);
		expect(await replay(recorded, { headers: { 'X-Api-Key': undefined } })).toBe(401);
		await expectNoNewExecution(client, workflowId, count);
		expect(await replay(recorded)).toBe(200);
		await waitForExecutions(client, workflowId, count + 1);
	});

	it('takes the unit from the signed body: a changed X-UnitId header changes nothing', async () => {
		const [recorded] = (await deliveries('flexykey')).filter((delivery) => delivery.status === 200 && !delivery.headers['X-Webhook-Test']).slice(-1);
		const count = (await client.executions(workflowId)).length;
		expect(await replay(recorded, { headers: { 'X-UnitId': '3024' } })).toBe(200);
		const [latest] = await waitForExecutions(client, workflowId, count + 1);
		expect(triggerJson(latest).unitId).toBe(3023);
		expect(triggerJson(latest)._webhook.unitId).toBe(3023);
	});

	it('refuses a body about another unit even when it carries this registration\'s signature and key: 401, no execution', async () => {
		const [hook] = (await simState()).flexykey.webhooks;
		const count = (await client.executions(workflowId)).length;
		// The same keys registered for unit 3024, aimed at this workflow's URL: the simulator signs 3024's status with them.
		const put = await simRequest(context, 'PUT', '/flexykey/v1/Webhooks', {
			headers: basic,
			body: { unitId: 3024, event: 'control.statusChanged', callbackUrl: hook.callbackUrl, secret: hook.secret, apiKey: hook.apiKey },
		});
		expect(put.status).toBe(201);
		try {
			const before = (await deliveries('flexykey')).length;
			const res = await simRequest(context, 'POST', '/flexykey/v1/Control', { headers: basic, body: { unitId: 3024, outputNumber: 'F1', outputAction: 'ON' } });
			expect(res.status).toBe(200);
			const [delivery] = await waitFor('the delivery for unit 3024', async () => {
				const sent = (await deliveries('flexykey')).slice(before).filter((candidate) => candidate.status !== undefined);
				return sent.length > 0 ? sent : undefined;
			});
			expect(JSON.parse(delivery.body).unitId).toBe(3024);
			expect(delivery.status).toBe(401);
			await expectNoNewExecution(client, workflowId, count);
		} finally {
			await simRequest(context, 'DELETE', '/flexykey/v1/Webhooks?unitId=3024&event=control.statusChanged', { headers: basic });
		}
	});

	it('keeps no secret in the workflow: the public API returns neither the webhook secret, the API key it sends, nor the password', async () => {
		const [recorded] = (await deliveries('flexykey')).filter((delivery) => delivery.status === 200).slice(-1);
		const [hook] = (await simState()).flexykey.webhooks;
		expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(hook.apiKey).toBe(recorded.headers['X-Api-Key']);
		await expectNoSecretIn(workflowId, recorded, 'X-Signature', [
			hook.secret!,
			hook.apiKey!,
			flexyKeyUsers.demo.password,
			...Object.values(context.credentialData.flexyKeyApi ?? {}).filter((value) => !/^https?:/.test(value)),
		]);
	});

	it('removes the registration when unpublished', async () => {
		await client.unpublishWorkflow(workflowId);
		await waitFor('the FlexyKey registration to go', async () => ((await simState()).flexykey.webhooks.length === 0 ? true : undefined));
	});
});
