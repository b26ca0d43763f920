/**
 * FlexyKey Trigger against the simulator: the one-slot-per-unit-and-event registration through
 * n8n-core's HookContext, and real signed deliveries (POST /Control, POST /Webhooks/Test) through
 * WebhookContext (see test/harness/trigger-harness.ts).
 */
import { createHmac } from 'node:crypto';
import type { INodeParameters } from 'n8n-workflow';
import { flexyKeyUsers } from '../../../simulator/demo-credentials';
import { CANONICAL_DIALECT, eachDialect, ioItem, useSimulator, type Dialect } from '../../harness/simulator';
import { later, TriggerHarness, WebhookReceiver } from '../../harness/trigger-harness';
import { SECRET_TTL_MS } from '../../../nodes/shared/webhook-delivery';
import { eventually } from '../../harness/eventually';

const handle = useSimulator();
let receiver: WebhookReceiver;

beforeAll(async () => {
	receiver = await WebhookReceiver.start();
});
afterAll(async () => {
	await receiver.close();
});
afterEach(async () => {
	await handle.sim.flexykey.flush();
});

const UNIT = 3023;
const OTHER_UNIT = 3024;
const EVENT = 'control.statusChanged';
const FOREIGN_URL = 'https://door-system.example/flexykey';

interface TriggerOptions {
	unit?: number | string;
	takeOver?: boolean;
	ignoreTestDeliveries?: boolean;
	/** Another option, as a workflow saved by the editor may carry. */
	savedOption?: INodeParameters;
	mode?: 'list' | 'id';
	user?: keyof typeof flexyKeyUsers;
	typeVersion?: number;
}

function trigger(options: TriggerOptions = {}): TriggerHarness {
	const { unit, mode, user, savedOption, typeVersion, ...flags } = options;
	return new TriggerHarness(receiver, {
		type: 'flexyKeyTrigger',
		typeVersion,
		parameters: {
			unit: { __rl: true, mode: mode ?? 'list', value: String(unit ?? UNIT) },
			event: EVENT,
			options: { ...Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined)), ...savedOption },
		},
		credentials: handle.credentials({ flexyKeyUser: user ?? 'demo' }),
	});
}

const basic = `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}`;

/** A set-up call or state read, in dialect a unless `dialect` asks for the answer a node would get. */
async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, dialect: Dialect = 'a'): Promise<{ status: number; body: T }> {
	const res = await fetch(`${handle.sim.urls.flexykey}${path}`, {
		method,
		headers: { Authorization: basic, 'content-type': 'application/json', ...CANONICAL_DIALECT, 'X-Sim-Dialect': dialect },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const slots = (unitId = UNIT) => handle.sim.flexykey.webhookConfigs(unitId);
const slot = (unitId = UNIT) => slots(unitId)[0];
const puts = () => handle.sim.flexykey.requestLog.filter((r) => r.method === 'PUT' && r.path === '/Webhooks').length;
const registerForeign = (unitId = UNIT) => api('PUT', '/Webhooks', { unitId, event: EVENT, callbackUrl: FOREIGN_URL, secret: 'theirs', apiKey: 'their-key' });
const control = (outputAction: string, outputNumber = 'F1') => api('POST', '/Control', { unitId: UNIT, outputNumber, outputAction });

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: res.status, text: await res.text() };
}

const sign = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

/** The delivery's X-Signature: lowercase hex HMAC, which dialect b prefixes with `sha256=`; the trigger reads both. */
const signatureForm = (dialect: Dialect) => (dialect === 'b' ? /^sha256=[0-9a-f]{64}$/ : /^[0-9a-f]{64}$/);

/** Whether a dialect's webhook answers carry the configuration's update time (minimal's do not). */
const stampedIn = (dialect: Dialect) => dialect !== 'minimal';

// The lifecycle in every dialect: b answers a filtered GET /Webhooks with one object (or 404), renames
// webhookId → id and updatedIso → updatedTimestampIso and wraps the PUT answer; minimal has no
// hasSecret/hasApiKey/updatedIso (docs/simulator.md).
eachDialect(handle, (dialect) => {
	const stamped = stampedIn(dialect);

	describe('registration lifecycle', () => {
		test('create → exists → delete: the slot points at this URL with a secret and API key kept nowhere in the workflow; nothing left after', async () => {
			const node = trigger();
			expect(await node.activate()).toEqual({ existed: false });
			const config = slot();
			expect(slots()).toHaveLength(1);
			expect(config).toMatchObject({ unitId: UNIT, event: EVENT, callbackUrl: node.productionUrl, httpMethod: 'POST', isActive: 1 });
			expect(config.secret).toMatch(/^[0-9a-f]{64}$/);
			expect(config.apiKey).toMatch(/^[0-9a-f]{64}$/);
			expect(config.apiKey).not.toBe(config.secret);
			// static data: n8n's conventional names and the non-secret inputs of the derivation, nothing else
			const state = node.nodeStaticData();
			expect(state).toEqual({
				webhookId: String(config.webhookId),
				webhookUrl: node.productionUrl,
				webhookEvents: [EVENT],
				unitId: UNIT,
				nonce: expect.stringMatching(/^[0-9a-f]{32}$/),
				credentialFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
				...(stamped ? { updatedIso: config.updatedIso } : {}),
			});

			const before = puts();
			expect(await node.activate('init')).toEqual({ existed: true });
			expect(puts()).toBe(before);

			await node.deactivate();
			expect(slots()).toHaveLength(0);
			expect(node.nodeStaticData()).toEqual({});
		});

		test('the unit can be given by ID', async () => {
			const node = trigger({ unit: OTHER_UNIT, mode: 'id' });
			await node.activate();
			expect(slot(OTHER_UNIT).callbackUrl).toBe(node.productionUrl);
			expect(slots(UNIT)).toHaveLength(0);
		});

		test('an invalid unit is refused before anything is sent', async () => {
			const node = trigger({ unit: 'main door', mode: 'id' });
			await expect(node.activate()).rejects.toThrow('Unit: "main door" is not a unit ID (digits only)');
			expect(handle.sim.flexykey.requestLog).toHaveLength(0);
		});

		test('lost static data never duplicates: the own slot is re-registered with a new, known secret', async () => {
			const node = trigger();
			await node.activate();
			const first = { ...slot() };
			node.staticData = {};
			expect(await node.activate()).toEqual({ existed: false });
			expect(slots()).toHaveLength(1);
			expect(slot().webhookId).toBe(first.webhookId);
			expect(slot().secret).not.toBe(first.secret);
			expect(slot().apiKey).not.toBe(first.apiKey);

			await control('ON');
			await handle.sim.flexykey.flush();
			expect(node.executions('production')).toHaveLength(1);
		});

		if (stamped) test('a re-PUT of the own slot by someone else (new updatedIso) is noticed and repaired', async () => {
			const node = trigger();
			await node.activate();
			const stamp = slot().updatedIso;
			// the slot's updatedIso has whole seconds: let the wall clock reach the next one
			await eventually(() => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') !== stamp);
			await api('PUT', '/Webhooks', { unitId: UNIT, event: EVENT, callbackUrl: node.productionUrl, secret: 'rotated', apiKey: 'rotated' });
			expect(await node.activate('init')).toEqual({ existed: false });
			expect(slot().secret).not.toBe('rotated');
			await control('ON');
			await handle.sim.flexykey.flush();
			expect(node.executions('production')).toHaveLength(1);
		});
		else test('without an update time in the answers a re-PUT by someone else cannot be seen: the slot is kept, and deliveries signed with their secret are refused', async () => {
			const node = trigger();
			await node.activate();
			await api('PUT', '/Webhooks', { unitId: UNIT, event: EVENT, callbackUrl: node.productionUrl, secret: 'rotated', apiKey: 'rotated' });
			expect(await node.activate('init')).toEqual({ existed: true });
			await control('ON');
			await handle.sim.flexykey.flush();
			expect(handle.sim.webhooks.deliveries.filter((d) => d.api === 'flexykey').map((d) => d.status)).toEqual([401]);
			expect(node.executions('production')).toHaveLength(0);
		});

		test('a disabled own registration (isActive 0) is re-enabled on activation', async () => {
			const node = trigger();
			await node.activate();
			slot().isActive = 0;
			expect(await node.activate('init')).toEqual({ existed: false });
			expect(slot().isActive).toBe(1);
		});

		test('a foreign registration is never overwritten, and the failed activation does not delete it', async () => {
			await registerForeign();
			const node = trigger();
			const error = await node.activate().then(
				() => undefined,
				(caught: Error & { description?: string }) => caught,
			);
			expect(error?.message).toBe(`Unit ${UNIT} already sends "${EVENT}" to another URL: ${FOREIGN_URL}`);
			expect(error?.description).toContain('Take Over Existing Registration');
			expect(error?.description).toContain(`DELETE /v1/Webhooks?unitId=${UNIT}&event=${EVENT}`);
			expect(slots()).toHaveLength(1);
			expect(slot()).toMatchObject({ callbackUrl: FOREIGN_URL, secret: 'theirs', apiKey: 'their-key' });
			expect(node.active).toBe(false);
			await node.deactivate();
			expect(slot().callbackUrl).toBe(FOREIGN_URL);
		});

		test("another workflow's registration is left alone; it keeps receiving", async () => {
			const owner = trigger();
			await owner.activate();
			const intruder = trigger();
			await expect(intruder.activate()).rejects.toThrow(`already sends "${EVENT}" to another URL: ${owner.productionUrl}`);
			await intruder.deactivate();
			expect(slot().callbackUrl).toBe(owner.productionUrl);

			await control('ON');
			await handle.sim.flexykey.flush();
			expect(owner.executions()).toHaveLength(1);
			expect(intruder.calls).toHaveLength(0);
		});

		test('"Take Over Existing Registration" replaces it; the previous owner then deletes nothing', async () => {
			const owner = trigger();
			await owner.activate();
			const taker = trigger({ takeOver: true });
			await taker.activate();
			expect(slot().callbackUrl).toBe(taker.productionUrl);

			await owner.deactivate();
			expect(slot().callbackUrl).toBe(taker.productionUrl);
			await taker.deactivate();
			expect(slots()).toHaveLength(0);
		});

		test('repeated activate/deactivate leaves exactly one registration, then none', async () => {
			const node = trigger();
			for (let round = 0; round < 3; round++) {
				await node.activate();
				await node.activate('update');
				expect(slots()).toHaveLength(1);
				expect(slot().callbackUrl).toBe(node.productionUrl);
				await node.deactivate();
				await node.deactivate();
				expect(slots()).toHaveLength(0);
			}
		});

		test('delete tolerates a registration that is already gone (404)', async () => {
			const node = trigger();
			await node.activate();
			expect((await api('DELETE', `/Webhooks?unitId=${UNIT}&event=${EVENT}`)).status).toBe(204);
			await expect(node.deactivate()).resolves.toBeUndefined();
			expect(node.nodeStaticData()).toEqual({});
		});

		test('deactivation uses the unit it registered, even after the parameter changed', async () => {
			const node = trigger();
			await node.activate();
			node.setParameters({ unit: { __rl: true, mode: 'id', value: String(OTHER_UNIT) } });
			await node.deactivate();
			expect(slots(UNIT)).toHaveLength(0);
		});

		describe('test runs ("listen for test event")', () => {
			test("never clobber this workflow's active production registration, even with take-over on", async () => {
				for (const takeOver of [false, true]) {
					const node = trigger({ takeOver });
					await node.activate();
					const registered = { ...slot() };
					const error = await node.listenForTest().then(
						() => undefined,
						(caught: Error & { description?: string }) => caught,
					);
					expect(error?.message).toMatch(/production registration holds unit 3023's "control.statusChanged" webhook; a test run would replace it/);
					expect(error?.description).toContain('Deactivate the workflow to test it');
					expect(slot()).toMatchObject({ callbackUrl: node.productionUrl, secret: registered.secret, apiKey: registered.apiKey });
					await control(takeOver ? 'OFF' : 'ON');
					await handle.sim.flexykey.flush();
					expect(node.executions('production')).toHaveLength(1);
					await node.deactivate();
				}
			});

			test('an inactive workflow registers its test URL, runs once, then frees the slot', async () => {
				const node = trigger();
				await node.listenForTest();
				expect(slot().callbackUrl).toBe(node.testUrl);
				await control('ON');
				await handle.sim.flexykey.flush();
				await node.settled();
				expect(node.executions('test')).toHaveLength(1);
				expect(node.listening).toBe(false);
				expect(slots()).toHaveLength(0);
			});

			test("a test run refuses a foreign slot too, and leaves it", async () => {
				await registerForeign();
				const node = trigger();
				await expect(node.listenForTest()).rejects.toThrow(`already sends "${EVENT}" to another URL: ${FOREIGN_URL}`);
				expect(slot().callbackUrl).toBe(FOREIGN_URL);
			});

			test('production activation replaces a stale test registration of the same node; stopping the test then deletes nothing', async () => {
				const node = trigger();
				await node.listenForTest();
				await node.activate();
				expect(slot().callbackUrl).toBe(node.productionUrl);
				await node.stopTest();
				expect(slot().callbackUrl).toBe(node.productionUrl);
			});
		});
	});
});

// The payload's IO items are inferred (b writes them as flags): the trigger passes them on as they came.
eachDialect(handle, (dialect) => describe('deliveries', () => {
	test('an output change runs the workflow with the GET /Control payload plus the event, the unit and the unsigned test header', async () => {
		const node = trigger();
		await node.activate();
		const before = Date.now();
		expect((await control('ON', 'F2')).status).toBe(200);
		await handle.sim.flexykey.flush();
		const after = Date.now();

		const runs = node.executions('production');
		expect(runs).toHaveLength(1);
		const { _webhook, ...payload } = runs[0][0].json as Record<string, unknown> & { _webhook: Record<string, unknown> };
		expect(_webhook).toEqual({ event: EVENT, unitId: UNIT, testHeader: false, receivedAt: expect.any(String) });
		// received during the delivery, however long it took
		expect(Date.parse(String(_webhook.receivedAt))).toBeGreaterThanOrEqual(before);
		expect(Date.parse(String(_webhook.receivedAt))).toBeLessThanOrEqual(after);
		// the same shape as Get IO Status (GET /Control), with the new state
		const status = (await api('GET', `/Control?unitId=${UNIT}`, undefined, dialect)).body;
		expect(Object.keys(payload).sort()).toEqual(Object.keys(status).sort());
		expect(payload).toEqual({ ...status, isCached: false });
		expect(payload.fOutputs).toContainEqual(ioItem(dialect, 'F2', 'ON'));
		expect(handle.sim.webhooks.deliveries.filter((d) => d.api === 'flexykey').map((d) => d.status)).toEqual([200]);
	});

	test('a new node is version 2; a node saved at version 1 registers, verifies and emits exactly as version 2 does', async () => {
		expect(trigger().node.typeVersion).toBe(2);
		const outputs: unknown[] = [];
		for (const [typeVersion, action] of [[1, 'ON'], [2, 'OFF']] as const) {
			const node = trigger({ typeVersion });
			expect(node.node.typeVersion).toBe(typeVersion);
			await node.activate();
			expect((await control(action, 'F2')).status).toBe(200);
			await handle.sim.flexykey.flush();
			const runs = node.executions('production');
			expect(runs).toHaveLength(1);
			expect(runs[0][0].json.fOutputs).toContainEqual(ioItem(dialect, 'F2', action));
			const forged = '{"unitId":3023}';
			expect((await post(node.productionUrl, forged, { 'X-Signature': sign('not-the-secret', forged) })).status).toBe(401);
			expect(node.executions('production')).toHaveLength(1);
			const { _webhook, ...payload } = runs[0][0].json as Record<string, unknown>;
			outputs.push({ keys: Object.keys(payload).sort(), webhook: { ..._webhook as object, receivedAt: 'a time' } });
			await node.deactivate();
		}
		expect(outputs[0]).toEqual(outputs[1]);
	});

	test('POST /Webhooks/Test deliveries carry the (unsigned) test header, labelled as such', async () => {
		const node = trigger();
		await node.activate();
		const result = await api('POST', '/Webhooks/Test', { unitId: UNIT, event: EVENT });
		expect(result.body).toMatchObject({ success: true, responseStatusCode: 200 });
		const runs = node.executions();
		expect(runs).toHaveLength(1);
		expect(runs[0][0].json).toMatchObject({ unitId: UNIT, isCached: true, _webhook: { testHeader: true, event: EVENT, unitId: UNIT } });
		expect(runs[0][0].json._webhook).not.toHaveProperty('test');
	});

	test('"Ignore Test Deliveries" acknowledges them without an execution; real changes still run', async () => {
		const node = trigger({ ignoreTestDeliveries: true });
		await node.activate();
		const result = await api('POST', '/Webhooks/Test', { unitId: UNIT, event: EVENT });
		expect(result.body).toMatchObject({ success: true, responseStatusCode: 200 });
		expect(node.calls.map((call) => call.status)).toEqual([200]);
		expect(node.executions()).toHaveLength(0);
		await control('ON');
		await handle.sim.flexykey.flush();
		expect(node.executions()).toHaveLength(1);
	});

	describe('rejections: 401 (or a clean 4xx) and never an execution', () => {
		let node: TriggerHarness;
		let body: string;
		let headers: Record<string, string>;

		beforeEach(async () => {
			node = trigger();
			await node.activate();
			await control('ON');
			await handle.sim.flexykey.flush();
			const delivery = handle.sim.webhooks.deliveries.find((d) => d.api === 'flexykey')!;
			body = delivery.body;
			headers = delivery.headers;
			expect(headers['X-Signature']).toMatch(signatureForm(dialect));
			expect(headers['X-Api-Key']).toBe(slot().apiKey);
			expect(node.executions()).toHaveLength(1);
		});

		afterEach(() => {
			expect(node.calls.every((call) => call.error === undefined)).toBe(true);
		});

		const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
		const expectNoNewExecution = () => expect(node.executions()).toHaveLength(1);

		test('the genuine delivery replayed verbatim is accepted (so the rejections below are about the change)', async () => {
			expect((await post(node.productionUrl, body, headers)).status).toBe(200);
			expect(node.executions()).toHaveLength(2);
		});

		test('tampered body', async () => {
			const tampered = body.replace('"isCached":false', '"isCached":true');
			expect(tampered).not.toBe(body);
			expect(await post(node.productionUrl, tampered, headers)).toEqual({ status: 401, text: 'Unauthorized' });
			expectNoNewExecution();
		});

		test('signed with another secret', async () => {
			expect((await post(node.productionUrl, body, { ...headers, 'X-Signature': sign('other', body) })).status).toBe(401);
			expectNoNewExecution();
		});

		test('missing signature', async () => {
			expect((await post(node.productionUrl, body, without('X-Signature'))).status).toBe(401);
			expectNoNewExecution();
		});

		test('wrong or missing API key (with a valid signature)', async () => {
			expect((await post(node.productionUrl, body, { ...headers, 'X-Api-Key': 'guessed' })).status).toBe(401);
			expect((await post(node.productionUrl, body, { ...headers, 'X-Api-Key': `${headers['X-Api-Key']}x` })).status).toBe(401);
			expect((await post(node.productionUrl, body, without('X-Api-Key'))).status).toBe(401);
			expectNoNewExecution();
		});

		test('empty body: 401 unsigned, 400 when correctly signed', async () => {
			expect((await post(node.productionUrl, '', { 'X-Api-Key': headers['X-Api-Key'] })).status).toBe(401);
			const secret = String(slot().secret);
			expect((await post(node.productionUrl, '', { 'X-Api-Key': headers['X-Api-Key'], 'X-Signature': sign(secret, '') })).status).toBe(400);
			expectNoNewExecution();
		});

		test('huge body (5 MB) with the right key but a wrong signature → 401', async () => {
			const huge = JSON.stringify({ unitId: UNIT, pad: 'x'.repeat(5 * 1024 * 1024) });
			expect((await post(node.productionUrl, huge, { 'X-Api-Key': headers['X-Api-Key'], 'X-Signature': sign('guess', huge) })).status).toBe(401);
			expectNoNewExecution();
		});

		test('non-JSON bodies: signed text or array → 400 from the node; invalid JSON → 422 from n8n before the node', async () => {
			const secret = String(slot().secret);
			const key = headers['X-Api-Key'];
			const text = 'ASTAT I:0000 F:10';
			expect((await post(node.productionUrl, text, { 'content-type': 'text/plain', 'X-Api-Key': key, 'X-Signature': sign(secret, text) })).status).toBe(400);
			expect((await post(node.productionUrl, '[]', { 'X-Api-Key': key, 'X-Signature': sign(secret, '[]') })).status).toBe(400);
			const broken = '{"unitId":';
			expect((await post(node.productionUrl, broken, { 'X-Api-Key': key, 'X-Signature': sign(secret, broken) })).status).toBe(422);
			expect(node.calls.at(-1)!.nodeCalled).toBe(false);
			expectNoNewExecution();
		});

		test('a signed delivery for another event is acknowledged without an execution', async () => {
			expect((await post(node.productionUrl, body, { ...headers, 'X-Event': 'unit.deleted' })).status).toBe(200);
			expectNoNewExecution();
		});

		test('static data without the secret and key: every delivery is refused until re-activation', async () => {
			node.staticData = {};
			expect((await post(node.productionUrl, body, headers)).status).toBe(401);
			expectNoNewExecution();
		});
	});
}));

// Activation, checkExists and failed activations read inferred answers (the webhook list, the PUT
// answer, errors): in every dialect.
eachDialect(handle, (dialect) => describe('hardening: secrets, signed facts, failure paths, replays', () => {
	const flexyKeyDeliveries = () => handle.sim.webhooks.deliveries.filter((d) => d.api === 'flexykey');

	/** Activates, makes one real signed delivery, and returns it. */
	async function activatedWithDelivery(options: TriggerOptions = {}) {
		const node = trigger(options);
		await node.activate();
		await control('ON');
		await handle.sim.flexykey.flush();
		const delivery = flexyKeyDeliveries().at(-1)!;
		expect(delivery.status).toBe(200);
		return { node, delivery };
	}

	test('no secret, API key or credential value appears anywhere in the workflow JSON (static data included)', async () => {
		const { node, delivery } = await activatedWithDelivery();
		const registered = slot();
		const secrets = [registered.secret, registered.apiKey, delivery.headers['X-Api-Key'], flexyKeyUsers.demo.password];
		expect(secrets.every((value) => typeof value === 'string' && value.length >= 8)).toBe(true);
		const json = node.workflowJson();
		expect(json).toContain(String(node.nodeStaticData().nonce)); // the static data is in it
		for (const value of secrets) expect(json).not.toContain(String(value));
		// the execution's output carries none of them either
		const output = JSON.stringify(node.executions());
		for (const value of secrets) expect(output).not.toContain(String(value));
		// nor does a test registration's static data
		await node.deactivate();
		await node.listenForTest();
		const testState = JSON.stringify(node.testStaticData);
		expect(testState).toContain('nonce');
		for (const value of [slot().secret, slot().apiKey, flexyKeyUsers.demo.password]) expect(testState).not.toContain(String(value));
		await node.stopTest();
	});

	test('the derived secret and API key verify after a simulated restart: nothing re-registered, deliveries run', async () => {
		const { node } = await activatedWithDelivery();
		const registered = { ...slot() };
		const before = puts();
		const restarted = node.restarted();
		expect(await restarted.activate('init')).toEqual({ existed: true });
		expect(puts()).toBe(before);
		await control('OFF');
		await handle.sim.flexykey.flush();
		expect(flexyKeyDeliveries().at(-1)!.status).toBe(200);
		expect(restarted.executions()).toHaveLength(1);
		expect(restarted.executions()[0][0].json.fOutputs).toContainEqual(ioItem(dialect, 'F1', 'OFF'));
		expect(slot()).toMatchObject({ secret: registered.secret, apiKey: registered.apiKey });
	});

	test('a body about another unit, signed with this registration\'s keys by the simulator, is refused: 401, no execution', async () => {
		const node = trigger();
		await node.activate();
		const mine = slot();
		// The same keys registered for another unit, aimed at this node's URL.
		expect(
			(await api('PUT', '/Webhooks', { unitId: OTHER_UNIT, event: EVENT, callbackUrl: node.productionUrl, secret: mine.secret, apiKey: mine.apiKey })).status,
		).toBe(201);
		expect((await api('POST', '/Control', { unitId: OTHER_UNIT, outputNumber: 'F1', outputAction: 'ON' })).status).toBe(200);
		await handle.sim.flexykey.flush();
		const delivery = flexyKeyDeliveries().at(-1)!;
		expect(JSON.parse(delivery.body).unitId).toBe(OTHER_UNIT);
		expect(delivery.headers['X-Signature']).toMatch(signatureForm(dialect));
		expect(delivery.status).toBe(401);
		expect(node.executions()).toHaveLength(0);
		expect(node.calls.map((call) => call.error)).toEqual([undefined]);
	});

	test('header-only changes do not change signed facts: X-UnitId and X-Webhook-Test are not the unit or a test', async () => {
		const { node, delivery } = await activatedWithDelivery();
		const forged = { ...delivery.headers, 'X-UnitId': String(OTHER_UNIT), 'X-Webhook-Test': '1' };
		expect((await post(node.productionUrl, delivery.body, forged)).status).toBe(200);
		const [genuine, altered] = node.executions().map((items) => items[0].json as Record<string, unknown> & { _webhook: Record<string, unknown> });
		expect(genuine._webhook).toMatchObject({ unitId: UNIT, testHeader: false });
		expect(altered._webhook).toMatchObject({ unitId: UNIT, event: EVENT, testHeader: true });
		const payloadOf = (json: Record<string, unknown>) => Object.fromEntries(Object.entries(json).filter(([key]) => key !== '_webhook'));
		expect(payloadOf(altered)).toEqual(payloadOf(genuine));
		expect(altered.unitId).toBe(UNIT);
	});

	test('a changed credential: deliveries signed with the registered secret verify until the process reads it again (within a minute), then are refused with one warning to re-publish; the next activation re-registers', async () => {
		const { node, delivery } = await activatedWithDelivery();
		const values = node.credentialsHelper.currentValues();
		node.credentialsHelper.setValues({ ...values, flexyKeyApi: { ...values.flexyKeyApi, password: 'a-new-password' } });
		// the unit signs with the registered secret until the workflow is re-published: still genuine
		expect((await post(node.productionUrl, delivery.body, delivery.headers)).status).toBe(200);
		await later(SECRET_TTL_MS, async () => {
			for (let i = 0; i < 3; i++) expect((await post(node.productionUrl, delivery.body, delivery.headers)).status).toBe(401);
		});
		expect(node.executions()).toHaveLength(2);
		const warnings = node.logs.filter((line) => line.level === 'warn');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toMatch(/credential changed after the webhook was registered\. Re-publish the workflow/);
		expect(JSON.stringify(node.logs)).not.toContain('a-new-password');
		// checkExists notices it too, so re-publishing (or a restart) registers again with the new credential
		expect(await node.checkExists()).toBe(false);
		node.credentialsHelper.setValues(values);
		expect(await node.checkExists()).toBe(true);
	});

	test('forged deliveries with an unchanged credential are refused without logging', async () => {
		const { node, delivery } = await activatedWithDelivery();
		expect((await post(node.productionUrl, delivery.body, { ...delivery.headers, 'X-Signature': sign('guess', delivery.body) })).status).toBe(401);
		expect(node.logs).toEqual([]);
	});

	test('a failed activation (another company\'s unit, 403) names the cause and what to do; delete() then makes no call and logs nothing', async () => {
		const node = trigger({ user: 'other' });
		const error = await node.activate().then(
			() => undefined,
			(caught: Error & { description?: string }) => caught,
		);
		expect(error?.message).toMatch(new RegExp(`^Could not read unit ${UNIT}'s "${EVENT}" webhook: FlexyKey: .*\\(HTTP 403\\)$`));
		expect(error?.description).toContain(`does not belong to the company that owns unit ${UNIT}`);
		expect(handle.sim.flexykey.requestLog).toHaveLength(1); // the one GET that was refused
		expect(node.cleanupErrors).toEqual([]);
		await node.deactivate();
		expect(handle.sim.flexykey.requestLog).toHaveLength(1);
		expect(node.logs).toEqual([]);
		expect(node.nodeStaticData()).toEqual({});
	});

	test('a delivery n8n fails to start (500) runs when FlexyKey delivers it again', async () => {
		const node = trigger();
		await node.activate();
		node.failNextExecutionStarts(1);
		await control('ON');
		await handle.sim.flexykey.flush();
		const [first] = flexyKeyDeliveries();
		// The node accepted the delivery, then n8n could not start its execution: 500, nothing ran.
		expect(first.status).toBe(500);
		expect(node.calls.map((call) => [call.nodeCalled, call.status, call.startError !== undefined])).toEqual([[true, 500, true]]);
		expect(node.executions()).toEqual([]);

		// FlexyKey delivers the same signed body again: it runs.
		expect((await post(node.productionUrl, first.body, first.headers)).status).toBe(200);
		const [execution] = node.executions();
		expect(execution).toHaveLength(1);
		expect(execution[0].json).toMatchObject({ unitId: UNIT, statusTimestampIso: JSON.parse(first.body).statusTimestampIso });
		expect(execution[0].json.fOutputs).toContainEqual(ioItem(dialect, 'F1', 'ON'));
	});

	test('every accepted delivery runs, a verbatim repeat too; a saved "Ignore Repeated Deliveries" option is dropped on load', async () => {
		for (const savedOption of [undefined, { ignoreRepeatedDeliveries: true }]) {
			handle.sim.reset();
			const { node, delivery } = await activatedWithDelivery({ savedOption });
			if (savedOption) expect(node.loadedParameters().options).toEqual({});
			for (let i = 0; i < 2; i++) expect((await post(node.productionUrl, delivery.body, delivery.headers)).status).toBe(200);
			await control('OFF');
			await handle.sim.flexykey.flush();
			expect(node.executions()).toHaveLength(4);
			await node.deactivate();
		}
	});
}));
