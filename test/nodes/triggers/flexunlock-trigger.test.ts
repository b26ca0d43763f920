/**
 * FlexUnlock Trigger against the simulator: registration lifecycle through n8n-core's HookContext,
 * and real signed deliveries through WebhookContext (see test/harness/trigger-harness.ts).
 */
import { createHmac } from 'node:crypto';
import type { INodeParameters } from 'n8n-workflow';
import { flexUnlockKeys } from '../../../simulator/demo-credentials';
import { flexUnlockFixtures } from '../../../simulator/flexunlock';
import { CANONICAL_DIALECT, eachDialect, useSimulator } from '../../harness/simulator';
import { later, TriggerHarness, WebhookReceiver } from '../../harness/trigger-harness';
import { SECRET_TTL_MS } from '../../../nodes/shared/webhook-delivery';

// Orders move only through advanceOrder(), so every delivery in a test is one the test caused.
const handle = useSimulator({ flexunlock: { orderStepMs: 0 } });
let receiver: WebhookReceiver;

beforeAll(async () => {
	receiver = await WebhookReceiver.start();
});
afterAll(async () => {
	await receiver.close();
});
afterEach(async () => {
	await handle.sim.flexunlock.flush();
});

const ALL_EVENTS = ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed'];
const KEY = flexUnlockKeys.bigSeller.key;

function trigger(
	events: string[] = ALL_EVENTS,
	options: { webhookId?: string; key?: 'bigSeller' | 'reseller'; saved?: INodeParameters; typeVersion?: number } = {},
): TriggerHarness {
	return new TriggerHarness(receiver, {
		type: 'flexUnlockTrigger',
		typeVersion: options.typeVersion,
		// `saved`: more parameters, as a workflow saved by the editor may carry
		parameters: { events, ...options.saved },
		credentials: handle.credentials({ flexUnlockKey: options.key ?? 'bigSeller' }),
		webhookId: options.webhookId,
	});
}

async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, key: string = KEY): Promise<{ status: number; body: T }> {
	const res = await fetch(`${handle.sim.urls.flexunlock}${path}`, {
		method,
		headers: { Authorization: `Bearer ${key}`, 'content-type': 'application/json', ...CANONICAL_DIALECT },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The simulator's registrations (the API never shows secrets; the simulator's state does). */
const registrations = () => [...handle.sim.flexunlock.webhooks.values()];
const registrationsFor = (url: string) => registrations().filter((hook) => hook.url === url);
const requestsMatching = (method: string, path: RegExp) => handle.sim.flexunlock.requests.filter((r) => r.method === method && path.test(r.path));

async function placeOrder(imei: string = flexUnlockFixtures.eligibleImei): Promise<string> {
	const placed = await api<{ order_id: string }>('POST', '/unlock/order', { imei, carrier: 'T-Mobile', service: 'Activation' });
	expect(placed.status).toBe(200);
	return placed.body.order_id;
}

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: res.status, text: await res.text() };
}

const sign = (secret: string, body: string | Buffer) => createHmac('sha256', secret).update(body).digest('hex');

eachDialect(handle, () => {
	describe('registration lifecycle', () => {
		test('create → exists → delete: one registration with this URL, the selected events and a 32-byte secret kept nowhere in the workflow; nothing left after', async () => {
			const node = trigger(['unlock.completed', 'unlock.failed']);
			expect(await node.activate()).toEqual({ existed: false });

			const mine = registrationsFor(node.productionUrl);
			expect(mine).toHaveLength(1);
			expect([...mine[0].events].sort()).toEqual(['unlock.completed', 'unlock.failed']);
			expect(mine[0].secret).toMatch(/^[0-9a-f]{64}$/);
			// static data: n8n's conventional names and the non-secret inputs of the derivation, nothing else
			expect(node.nodeStaticData()).toEqual({
				webhookId: mine[0].id,
				webhookUrl: node.productionUrl,
				webhookEvents: ['unlock.completed', 'unlock.failed'],
				nonce: expect.stringMatching(/^[0-9a-f]{32}$/),
				credentialFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
			});

			// Re-activation (n8n restart): found by id, nothing created or deleted.
			const posts = requestsMatching('POST', /^\/webhooks$/).length;
			expect(await node.activate('init')).toEqual({ existed: true });
			expect(requestsMatching('POST', /^\/webhooks$/)).toHaveLength(posts);
			expect(requestsMatching('DELETE', /^\/webhooks\//)).toHaveLength(0);
			expect(registrations()).toHaveLength(1);

			await node.deactivate();
			expect(registrations()).toHaveLength(0);
			expect(node.nodeStaticData()).toEqual({});
		});

		test('two activations make two different secrets', async () => {
			const a = trigger();
			const b = trigger();
			await a.activate();
			await b.activate();
			expect(registrations()).toHaveLength(2);
			expect(registrationsFor(a.productionUrl)[0].secret).not.toBe(registrationsFor(b.productionUrl)[0].secret);
		});

		test('lost static data never duplicates: the registration aimed at this URL is replaced by one with a known secret', async () => {
			const node = trigger();
			await node.activate();
			const first = registrationsFor(node.productionUrl)[0];

			node.staticData = {}; // e.g. a failed save, or an import without static data
			expect(await node.activate()).toEqual({ existed: false });
			const mine = registrationsFor(node.productionUrl);
			expect(mine).toHaveLength(1);
			expect(mine[0].id).not.toBe(first.id);
			expect(mine[0].secret).not.toBe(first.secret);
			expect(node.nodeStaticData().webhookId).toBe(mine[0].id);

			// and its deliveries verify
			const order = await placeOrder();
			await handle.sim.flexunlock.flush();
			expect(node.executions('production')).toHaveLength(1);
			expect(node.executions()[0][0].json.data).toMatchObject({ order_id: order, status: 'created' });
		});

		test('duplicates left by older versions are cleaned up to exactly one', async () => {
			const node = trigger();
			for (let i = 0; i < 3; i++) await api('POST', '/webhooks', { url: node.productionUrl, events: ALL_EVENTS, secret: `old-${i}` });
			expect(registrationsFor(node.productionUrl)).toHaveLength(3);
			await node.activate();
			expect(registrationsFor(node.productionUrl)).toHaveLength(1);
			expect(registrationsFor(node.productionUrl)[0].secret).not.toMatch(/^old-/);
			expect(node.nodeStaticData().webhookId).toBe(registrationsFor(node.productionUrl)[0].id);
		});

		test('changed events: the registration is replaced, not added to', async () => {
			const node = trigger(['unlock.completed']);
			await node.activate();
			node.setParameters({ events: ['unlock.created', 'unlock.completed'] });
			expect(await node.activate('update')).toEqual({ existed: false });
			const mine = registrationsFor(node.productionUrl);
			expect(mine).toHaveLength(1);
			expect([...mine[0].events].sort()).toEqual(['unlock.completed', 'unlock.created']);
		});

		test('foreign registrations are never deleted: other URLs, other workflows, other accounts, a foreign id in static data', async () => {
			const outsider = await api<{ id: string }>('POST', '/webhooks', { url: 'https://crm.example/flexunlock', events: ALL_EVENTS, secret: 'theirs' });
			const otherAccount = await api<{ id: string }>(
				'POST',
				'/webhooks',
				{ url: 'https://crm.example/reseller', events: ALL_EVENTS, secret: 'theirs' },
				flexUnlockKeys.reseller.key,
			);
			const other = trigger();
			await other.activate();
			const node = trigger();

			// Static data naming another workflow's registration (copied with an imported workflow).
			node.staticData = { [`node:${node.node.name}`]: { ...other.nodeStaticData() } };
			await node.activate();
			await node.deactivate();
			node.staticData = { [`node:${node.node.name}`]: { ...other.nodeStaticData(), webhookId: outsider.body.id } };
			await node.deactivate();

			expect(handle.sim.flexunlock.webhooks.has(outsider.body.id)).toBe(true);
			expect(handle.sim.flexunlock.webhooks.has(otherAccount.body.id)).toBe(true);
			expect(registrationsFor(other.productionUrl)).toHaveLength(1);
			expect(registrationsFor(node.productionUrl)).toHaveLength(0);
			expect(registrations()).toHaveLength(3);
		});

		test('repeated activate/deactivate leaves exactly one registration, then none', async () => {
			const node = trigger();
			for (let round = 0; round < 3; round++) {
				await node.activate();
				await node.activate('update');
				expect(registrationsFor(node.productionUrl)).toHaveLength(1);
				await node.deactivate();
				await node.deactivate();
				expect(registrations()).toHaveLength(0);
			}
		});

		test('delete tolerates a registration that is already gone (404)', async () => {
			const node = trigger();
			await node.activate();
			const id = String(node.nodeStaticData().webhookId);
			expect((await api('DELETE', `/webhooks/${id}`)).status).toBe(204);
			await expect(node.deactivate()).resolves.toBeUndefined();
			expect(node.nodeStaticData()).toEqual({});
		});

		test('a test listen registers the test URL beside the production one, runs once and removes only itself', async () => {
			const node = trigger();
			await node.activate();
			const production = registrationsFor(node.productionUrl)[0];
			await node.listenForTest();
			expect(registrationsFor(node.testUrl)).toHaveLength(1);
			expect(registrations()).toHaveLength(2);

			await placeOrder();
			await handle.sim.flexunlock.flush();
			await node.settled();
			expect(node.executions('test')).toHaveLength(1);
			expect(node.executions('production')).toHaveLength(1);
			// n8n removes a test registration after its first execution
			expect(node.listening).toBe(false);
			expect(registrationsFor(node.testUrl)).toHaveLength(0);
			expect(registrationsFor(node.productionUrl)).toEqual([production]);
		});

		test('an API failure during activation surfaces as the vendor error and leaves nothing behind', async () => {
			const node = trigger();
			const broken = new TriggerHarness(receiver, {
				type: 'flexUnlockTrigger',
				parameters: { events: ALL_EVENTS },
				credentials: { flexUnlockApi: { apiKey: 'fu_wrong', baseUrl: handle.sim.urls.flexunlock } },
				webhookId: node.node.webhookId,
			});
			await expect(broken.activate()).rejects.toThrow(/FlexUnlock: Invalid API key \(HTTP 401\)/);
			expect(registrations()).toHaveLength(0);
		});

		test('no events selected is refused before anything is sent', async () => {
			const node = trigger([]);
			await expect(node.activate()).rejects.toThrow(/Events: choose at least one event/);
			expect(handle.sim.flexunlock.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
		});
	});
});

describe('deliveries', () => {
	test('an order lifecycle runs once per event with the payload, the event name and the received time', async () => {
		const node = trigger();
		await node.activate();
		const before = Date.now();
		const order = await placeOrder();
		handle.sim.flexunlock.advanceOrder(order);
		handle.sim.flexunlock.advanceOrder(order);
		await handle.sim.flexunlock.flush();
		const after = Date.now();

		const runs = node.executions('production');
		expect(runs.map((items) => items[0].json.event)).toEqual(['unlock.created', 'unlock.processing', 'unlock.completed']);
		const completed = runs[2][0].json as Record<string, Record<string, unknown>>;
		expect(completed.data).toMatchObject({ order_id: order, status: 'completed', unlock_code: expect.any(String) });
		expect(completed.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(completed._webhook.event).toBe('unlock.completed');
		// received during the deliveries, however long they took
		expect(Date.parse(String(completed._webhook.receivedAt))).toBeGreaterThanOrEqual(before);
		expect(Date.parse(String(completed._webhook.receivedAt))).toBeLessThanOrEqual(after);
		// the payload is passed on untouched: what was delivered, plus `_webhook`
		const delivered = handle.sim.webhooks.deliveries.filter((d) => d.api === 'flexunlock');
		const { _webhook, ...payload } = completed;
		expect(_webhook).toBeDefined();
		expect(payload).toEqual(JSON.parse(delivered[2].body));
		expect(delivered.map((d) => d.status)).toEqual([200, 200, 200]);
		expect(node.calls.every((call) => call.error === undefined)).toBe(true);
	});

	test('a new node is version 2; a node saved at version 1 registers, verifies and emits exactly as version 2 does', async () => {
		expect(trigger().node.typeVersion).toBe(2);
		const outputs: unknown[] = [];
		for (const typeVersion of [1, 2]) {
			const node = trigger(['unlock.created', 'unlock.processing'], { typeVersion });
			expect(node.node.typeVersion).toBe(typeVersion);
			await node.activate();
			const order = await placeOrder();
			handle.sim.flexunlock.advanceOrder(order);
			await handle.sim.flexunlock.flush();
			const runs = node.executions('production');
			expect(runs.map((items) => items[0].json.event)).toEqual(['unlock.created', 'unlock.processing']);
			expect((await post(node.productionUrl, '{"event":"unlock.completed"}', { 'X-FlexUnlock-Signature': sign('not-the-secret', '{"event":"unlock.completed"}') })).status).toBe(401);
			expect(node.executions('production')).toHaveLength(2);
			// the same shape at both versions, ids and times aside
			outputs.push(runs.map((items) => Object.keys(items[0].json).sort()));
			await node.deactivate();
		}
		expect(outputs[0]).toEqual(outputs[1]);
	});

	test('a failing order arrives as unlock.failed', async () => {
		const node = trigger(['unlock.failed']);
		await node.activate();
		const order = await placeOrder(flexUnlockFixtures.failingImeis[0]);
		handle.sim.flexunlock.advanceOrder(order);
		handle.sim.flexunlock.advanceOrder(order);
		await handle.sim.flexunlock.flush();
		const runs = node.executions();
		expect(runs).toHaveLength(1);
		expect(runs[0][0].json).toMatchObject({ event: 'unlock.failed', data: { order_id: order, status: 'failed' } });
	});

	test('signed events that are not selected are acknowledged (200) without an execution', async () => {
		const node = trigger(ALL_EVENTS);
		await node.activate();
		node.setParameters({ events: ['unlock.completed'] }); // the registration still has all four
		const order = await placeOrder();
		handle.sim.flexunlock.advanceOrder(order);
		handle.sim.flexunlock.advanceOrder(order);
		await handle.sim.flexunlock.flush();
		expect(node.calls.map((call) => call.status)).toEqual([200, 200, 200]);
		expect(node.executions().map((items) => items[0].json.event)).toEqual(['unlock.completed']);
	});

	describe('rejections: 401 (or a clean 4xx) and never an execution', () => {
		let node: TriggerHarness;
		let body: string;
		let signature: string;

		beforeEach(async () => {
			node = trigger(ALL_EVENTS);
			await node.activate();
			await placeOrder();
			await handle.sim.flexunlock.flush();
			const delivery = handle.sim.webhooks.deliveries.find((d) => d.api === 'flexunlock')!;
			body = delivery.body;
			signature = delivery.headers['X-FlexUnlock-Signature'];
			expect(node.executions()).toHaveLength(1); // the genuine delivery ran
		});

		afterEach(() => {
			expect(node.calls.every((call) => call.error === undefined)).toBe(true);
		});

		const expectNoNewExecution = () => expect(node.executions()).toHaveLength(1);

		test('the genuine delivery replayed verbatim is accepted (so the rejections below are about the change)', async () => {
			expect((await post(node.productionUrl, body, { 'X-FlexUnlock-Signature': signature })).status).toBe(200);
			expect(node.executions()).toHaveLength(2);
		});

		test('tampered body', async () => {
			const tampered = body.replace('"status":"created"', '"status":"completed"');
			expect(tampered).not.toBe(body);
			const res = await post(node.productionUrl, tampered, { 'X-FlexUnlock-Signature': signature });
			expect(res).toEqual({ status: 401, text: 'Unauthorized' });
			expectNoNewExecution();
		});

		test('signed with another secret', async () => {
			expect((await post(node.productionUrl, body, { 'X-FlexUnlock-Signature': sign('not-the-secret', body) })).status).toBe(401);
			expectNoNewExecution();
		});

		test('missing, empty, truncated or doubled signature header', async () => {
			expect((await post(node.productionUrl, body)).status).toBe(401);
			expect((await post(node.productionUrl, body, { 'X-FlexUnlock-Signature': '' })).status).toBe(401);
			expect((await post(node.productionUrl, body, { 'X-FlexUnlock-Signature': signature.slice(0, 40) })).status).toBe(401);
			const res = await fetch(node.productionUrl, {
				method: 'POST',
				headers: [
					['content-type', 'application/json'],
					['X-FlexUnlock-Signature', signature],
					['X-FlexUnlock-Signature', signature],
				],
				body,
			});
			expect(res.status).toBe(401);
			expectNoNewExecution();
		});

		test('empty body: unsigned → 401; correctly signed → 400', async () => {
			expect((await post(node.productionUrl, '')).status).toBe(401);
			const secret = registrationsFor(node.productionUrl)[0].secret;
			expect((await post(node.productionUrl, '', { 'X-FlexUnlock-Signature': sign(secret, '') })).status).toBe(400);
			expectNoNewExecution();
		});

		test('huge body (5 MB) with a wrong signature → 401', async () => {
			const huge = JSON.stringify({ event: 'unlock.completed', data: { pad: 'x'.repeat(5 * 1024 * 1024) } });
			expect((await post(node.productionUrl, huge, { 'X-FlexUnlock-Signature': sign('guess', huge) })).status).toBe(401);
			expectNoNewExecution();
		});

		test('non-JSON bodies: signed text → 400 from the node; invalid JSON → 422 from n8n before the node', async () => {
			const secret = registrationsFor(node.productionUrl)[0].secret;
			const text = 'event=unlock.completed';
			const res = await post(node.productionUrl, text, { 'content-type': 'text/plain', 'X-FlexUnlock-Signature': sign(secret, text) });
			expect(res.status).toBe(400);
			const array = '[1,2,3]';
			expect((await post(node.productionUrl, array, { 'X-FlexUnlock-Signature': sign(secret, array) })).status).toBe(400);
			const broken = '{"event": "unlock.completed"';
			expect((await post(node.productionUrl, broken, { 'X-FlexUnlock-Signature': sign(secret, broken) })).status).toBe(422);
			expect(node.calls.at(-1)!.nodeCalled).toBe(false);
			expectNoNewExecution();
		});

		test('static data without the secret: every delivery is refused until re-activation', async () => {
			node.staticData = {};
			expect((await post(node.productionUrl, body, { 'X-FlexUnlock-Signature': signature })).status).toBe(401);
			expectNoNewExecution();
		});

		test('static data only partly as this version writes it (a nonce without its credential fingerprint): refused, and activation registers again', async () => {
			const { credentialFingerprint, ...partial } = node.nodeStaticData();
			expect(typeof credentialFingerprint).toBe('string');
			node.staticData = { [`node:${node.node.name}`]: partial };
			expect((await post(node.productionUrl, body, { 'X-FlexUnlock-Signature': signature })).status).toBe(401);
			expectNoNewExecution();
			expect(await node.checkExists()).toBe(false);
		});
	});
});

// Activation and checkExists read the inferred webhook list and POST answer: in every dialect.
eachDialect(handle, () => describe('hardening: secrets, signed facts, failure paths, replays', () => {
	const flexUnlockDeliveries = () => handle.sim.webhooks.deliveries.filter((d) => d.api === 'flexunlock');

	/** Activates, makes one real signed delivery (unlock.created), and returns it. */
	async function activatedWithDelivery(saved?: INodeParameters) {
		const node = trigger(ALL_EVENTS, { saved });
		await node.activate();
		const order = await placeOrder();
		await handle.sim.flexunlock.flush();
		const delivery = flexUnlockDeliveries().at(-1)!;
		expect(delivery.status).toBe(200);
		return { node, delivery, order };
	}

	test('no secret or credential value appears anywhere in the workflow JSON (static data included)', async () => {
		const { node } = await activatedWithDelivery();
		const registered = registrationsFor(node.productionUrl)[0];
		const json = node.workflowJson();
		expect(json).toContain(String(node.nodeStaticData().nonce));
		for (const value of [registered.secret, KEY]) {
			expect(value.length).toBeGreaterThanOrEqual(8);
			expect(json).not.toContain(value);
			expect(JSON.stringify(node.executions())).not.toContain(value);
		}
		await node.listenForTest();
		const testState = JSON.stringify(node.testStaticData);
		expect(testState).toContain('nonce');
		for (const value of [registrationsFor(node.testUrl)[0].secret, KEY]) expect(testState).not.toContain(value);
		await node.stopTest();
	});

	test('the derived secret verifies after a simulated restart: nothing re-registered, deliveries run', async () => {
		const { node } = await activatedWithDelivery();
		const posts = requestsMatching('POST', /^\/webhooks$/).length;
		const restarted = node.restarted();
		expect(await restarted.activate('init')).toEqual({ existed: true });
		expect(requestsMatching('POST', /^\/webhooks$/)).toHaveLength(posts);
		const order = await placeOrder();
		await handle.sim.flexunlock.flush();
		expect(flexUnlockDeliveries().at(-1)!.status).toBe(200);
		expect(restarted.executions().map((items) => (items[0].json.data as { order_id: string }).order_id)).toEqual([order]);
	});

	test('the output holds only signed facts: the body as signed, plus the event from it and the time received', async () => {
		const { node, delivery } = await activatedWithDelivery();
		const [json] = node.executions()[0].map((item) => item.json as Record<string, unknown> & { _webhook: Record<string, unknown> });
		const { _webhook, ...payload } = json;
		expect(payload).toEqual(JSON.parse(delivery.body));
		expect(_webhook).toEqual({ event: payload.event, receivedAt: expect.any(String) });
	});

	test('checkExists never deletes: a duplicate aimed at this URL makes it answer false; create() then cleans up', async () => {
		const node = trigger();
		await node.activate();
		await api('POST', '/webhooks', { url: node.productionUrl, events: ALL_EVENTS, secret: 'left-by-someone' });
		expect(registrationsFor(node.productionUrl)).toHaveLength(2);
		expect(await node.checkExists()).toBe(false);
		expect(requestsMatching('DELETE', /^\/webhooks\//)).toHaveLength(0);
		expect(registrationsFor(node.productionUrl)).toHaveLength(2);
		expect(await node.activate('init')).toEqual({ existed: false });
		expect(registrationsFor(node.productionUrl)).toHaveLength(1);
		expect(registrationsFor(node.productionUrl)[0].secret).not.toBe('left-by-someone');
	});

	test('a changed credential: deliveries signed with the registered secret verify until the process reads it again (within a minute), then are refused with one warning to re-publish; checkExists says false', async () => {
		const { node, delivery } = await activatedWithDelivery();
		const values = node.credentialsHelper.currentValues();
		node.credentialsHelper.setValues({ ...values, flexUnlockApi: { ...values.flexUnlockApi, apiKey: flexUnlockKeys.reseller.key } });
		const signature = { 'X-FlexUnlock-Signature': delivery.headers['X-FlexUnlock-Signature'] };
		// FlexUnlock signs with the registered secret until the workflow is re-published: still genuine
		expect((await post(node.productionUrl, delivery.body, signature)).status).toBe(200);
		expect(node.executions()).toHaveLength(2);
		await later(SECRET_TTL_MS, async () => {
			for (let i = 0; i < 3; i++) expect((await post(node.productionUrl, delivery.body, signature)).status).toBe(401);
		});
		expect(node.executions()).toHaveLength(2);
		const warnings = node.logs.filter((line) => line.level === 'warn');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toMatch(/credential changed after the webhook was registered\. Re-publish the workflow/);
		expect(JSON.stringify(node.logs)).not.toContain(flexUnlockKeys.reseller.key);
		expect(await node.checkExists()).toBe(false);
	});

	test('a credential n8n cannot read (e.g. its database timing out): verified from the last read for a minute; after it, 503 so the sender delivers again, one warning, no execution; readable again, the same delivery runs', async () => {
		const { node, delivery } = await activatedWithDelivery();
		const values = node.credentialsHelper.currentValues();
		node.credentialsHelper.setValues({});
		const signature = { 'X-FlexUnlock-Signature': delivery.headers['X-FlexUnlock-Signature'] };
		expect((await post(node.productionUrl, delivery.body, signature)).status).toBe(200);
		expect(node.executions()).toHaveLength(2);
		await later(SECRET_TTL_MS, async () => {
			for (let i = 0; i < 3; i++) {
				const answer = await post(node.productionUrl, delivery.body, signature);
				expect(answer).toEqual({ status: 503, text: 'Service Unavailable: the delivery could not be verified now; deliver it again later' });
			}
			expect(node.executions()).toHaveLength(2);
			const warnings = node.logs.filter((line) => line.level === 'warn');
			expect(warnings).toHaveLength(1);
			expect(warnings[0].message).toMatch(/cannot verify webhook deliveries: .*answered 503/);

			node.credentialsHelper.setValues(values);
			expect((await post(node.productionUrl, delivery.body, signature)).status).toBe(200);
		});
		expect(node.executions()).toHaveLength(3);
		expect(JSON.stringify(node.logs)).not.toContain(KEY);
	});

	test('deliveries read the credential once a minute, not once each: a burst arriving together shares one read', async () => {
		const { node, delivery } = await activatedWithDelivery();
		const signature = { 'X-FlexUnlock-Signature': delivery.headers['X-FlexUnlock-Signature'] };
		const reads = () => node.credentialsHelper.decryptions.get('flexUnlockApi') ?? 0;
		const burst = async (n: number) => (await Promise.all(Array.from({ length: n }, () => post(node.productionUrl, delivery.body, signature)))).map((answer) => answer.status);
		const before = reads();
		expect(await burst(10)).toEqual(Array(10).fill(200));
		expect(reads()).toBe(before);
		await later(SECRET_TTL_MS, async () => {
			expect(await burst(20)).toEqual(Array(20).fill(200));
		});
		expect(reads()).toBe(before + 1);
		expect(node.executions()).toHaveLength(31);
	});

	test('a forged delivery is still refused 401 while the credential is readable', async () => {
		const { node, delivery } = await activatedWithDelivery();
		const forged = { 'X-FlexUnlock-Signature': sign('not-the-secret', delivery.body) };
		expect(await post(node.productionUrl, delivery.body, forged)).toEqual({ status: 401, text: 'Unauthorized' });
		expect(node.executions()).toHaveLength(1);
	});

	test('a failed activation names the cause and what to do; delete() then makes no call and logs nothing', async () => {
		const broken = new TriggerHarness(receiver, {
			type: 'flexUnlockTrigger',
			parameters: { events: ALL_EVENTS },
			credentials: { flexUnlockApi: { apiKey: 'fu_wrong', baseUrl: handle.sim.urls.flexunlock } },
		});
		const error = await broken.activate().then(
			() => undefined,
			(caught: Error & { description?: string }) => caught,
		);
		expect(error?.message).toBe('Could not list the FlexUnlock webhooks: FlexUnlock: Invalid API key (HTTP 401)');
		expect(error?.description).toContain('check the FlexUnlock credential');
		expect(handle.sim.flexunlock.requests).toHaveLength(1);
		expect(broken.cleanupErrors).toEqual([]);
		await broken.deactivate();
		expect(handle.sim.flexunlock.requests).toHaveLength(1);
		expect(broken.logs).toEqual([]);
	});

	test('a delivery n8n fails to start (500) runs when FlexUnlock delivers it again', async () => {
		const node = trigger();
		await node.activate();
		node.failNextExecutionStarts(1);
		const order = await placeOrder();
		await handle.sim.flexunlock.flush();
		const [first] = flexUnlockDeliveries();
		// The node accepted the delivery, then n8n could not start its execution: 500, nothing ran.
		expect(first.status).toBe(500);
		expect(node.calls.map((call) => [call.nodeCalled, call.status, call.startError !== undefined])).toEqual([[true, 500, true]]);
		expect(node.executions()).toEqual([]);

		// FlexUnlock delivers the same signed body again: it runs.
		const redelivery = await post(node.productionUrl, first.body, { 'X-FlexUnlock-Signature': first.headers['X-FlexUnlock-Signature'] });
		expect(redelivery.status).toBe(200);
		expect(node.executions().map((items) => items.map((item) => [item.json.event, (item.json.data as { order_id: string }).order_id]))).toEqual([
			[['unlock.created', order]],
		]);
	});

	test('every accepted delivery runs, a verbatim repeat too: dropping duplicates is the workflow\'s (Remove Duplicates)', async () => {
		const { node, delivery, order } = await activatedWithDelivery();
		const signature = { 'X-FlexUnlock-Signature': delivery.headers['X-FlexUnlock-Signature'] };
		for (let i = 0; i < 2; i++) expect((await post(node.productionUrl, delivery.body, signature)).status).toBe(200);
		handle.sim.flexunlock.advanceOrder(order);
		await handle.sim.flexunlock.flush();
		expect(node.executions().map((items) => items[0].json.event)).toEqual(['unlock.created', 'unlock.created', 'unlock.created', 'unlock.processing']);
	});

	test('a workflow saved with the removed option "Ignore Repeated Deliveries" loads without it, and its repeats run', async () => {
		const saved = { options: { ignoreRepeatedDeliveries: true } };
		const { node, delivery } = await activatedWithDelivery(saved);
		expect(node.node.parameters).toMatchObject(saved);
		expect(node.loadedParameters()).toEqual({ events: ALL_EVENTS, operation: 'orderEvent', repeatedDeliveriesNotice: '' });
		expect((await post(node.productionUrl, delivery.body, { 'X-FlexUnlock-Signature': delivery.headers['X-FlexUnlock-Signature'] })).status).toBe(200);
		expect(node.executions()).toHaveLength(2);
	});
}));
