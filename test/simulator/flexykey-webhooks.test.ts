/** FlexyKey simulator contract: webhook configuration (one per unit and event), deliveries, signatures and the test call. */
import { createHmac } from 'node:crypto';
import type { ControlStatus } from '../../simulator/flexykey';
import { eventually } from '../harness/eventually';
import { FAST, startReceiver, UNIT_PLAIN, UNIT_WEXP, useFlexyKey, type Receiver } from './flexykey-helpers';

const fk = useFlexyKey(FAST, { manualClock: true });
let receiver: Receiver;

beforeEach(async () => {
	receiver = await startReceiver();
});
afterEach(async () => {
	await fk.sim.flexykey.flush();
	await receiver.close();
});

const EVENT = 'control.statusChanged';
const SECRET = 'whsec-demo';

interface HookView {
	webhookId: number;
	unitId: number;
	event: string;
	callbackUrl: string;
	httpMethod: string;
	hasSecret: boolean;
	hasApiKey: boolean;
	isActive: number;
}

const register = (extra: Record<string, unknown> = {}) =>
	fk.call<HookView>('PUT', '/Webhooks', { unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url, secret: SECRET, apiKey: 'key-123', isActive: 1, ...extra });
const control = (outputAction: string, outputNumber = 'F1', unitId = UNIT_PLAIN) => fk.call('POST', '/Control', { unitId, outputNumber, outputAction });
const sign = (body: string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');

describe('configuration', () => {
	test('GET /Webhooks/Events lists control.statusChanged', async () => {
		const res = await fk.call('GET', '/Webhooks/Events');
		expect(res.status).toBe(200);
		expect(res.body).toEqual([EVENT]);
	});

	test('PUT creates (201), a second PUT replaces the one callback (200); secrets are not read back', async () => {
		expect((await fk.call('GET', `/Webhooks?unitId=${UNIT_PLAIN}`)).body).toEqual([]);
		const created = await register();
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url, httpMethod: 'POST', hasSecret: true, hasApiKey: true, isActive: 1 });
		expect(JSON.stringify(created.body)).not.toContain(SECRET);

		const replaced = await register({ callbackUrl: 'https://example.test/other', httpMethod: 'PATCH' });
		expect(replaced.status).toBe(200);
		expect(replaced.body).toMatchObject({ webhookId: created.body.webhookId, callbackUrl: 'https://example.test/other', httpMethod: 'PATCH' });
		const listed = (await fk.call<HookView[]>('GET', `/Webhooks?unitId=${UNIT_PLAIN}&event=${EVENT}`)).body;
		expect(listed).toHaveLength(1);
		expect(listed[0].callbackUrl).toBe('https://example.test/other');
		expect(fk.sim.flexykey.webhookConfigs(UNIT_PLAIN)).toHaveLength(1);
		expect((await fk.call('GET', `/Webhooks?unitId=${UNIT_WEXP}`)).body).toEqual([]);
	});

	test('omitted optional fields take their defaults on each PUT', async () => {
		await register();
		const bare = await fk.call<HookView>('PUT', '/Webhooks', { unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url });
		expect(bare.body).toMatchObject({ httpMethod: 'POST', hasSecret: false, hasApiKey: false, isActive: 1 });
	});

	test.each([
		['a relative callbackUrl', { callbackUrl: '/relative/hook' }, /^callbackUrl must be an absolute HTTP or HTTPS URL/],
		['an ftp callbackUrl', { callbackUrl: 'ftp://example.test/hook' }, /^callbackUrl/],
		['no callbackUrl', { callbackUrl: undefined }, /^callbackUrl is required/],
		['an unsupported event', { event: 'unit.deleted' }, /^event unit.deleted is not supported/],
		['no event', { event: undefined }, /^event is required/],
		['httpMethod GET', { httpMethod: 'GET' }, /^httpMethod must be POST, PUT or PATCH/],
		['isActive true', { isActive: true }, /^isActive must be 1 or 0/],
		['isActive 2', { isActive: 2 }, /^isActive/],
		['no unitId', { unitId: undefined }, /^unitId is required/],
	])('PUT with %s → 400', async (_label, change, message) => {
		const res = await register(change);
		expect(res.body).toEqual({ status: 400, message: expect.stringMatching(message) });
	});

	test('unknown unit 404; other company 403 on PUT, GET, DELETE and Test', async () => {
		expect((await register({ unitId: 9999 })).status).toBe(404);
		const other = { user: 'other' as const };
		expect((await fk.call('PUT', '/Webhooks', { unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url }, other)).status).toBe(403);
		expect((await fk.call('GET', `/Webhooks?unitId=${UNIT_PLAIN}`, undefined, other)).status).toBe(403);
		expect((await fk.call('DELETE', `/Webhooks?unitId=${UNIT_PLAIN}&event=${EVENT}`, undefined, other)).status).toBe(403);
		expect((await fk.call('POST', '/Webhooks/Test', { unitId: UNIT_PLAIN, event: EVENT }, other)).status).toBe(403);
		expect(fk.sim.flexykey.webhookConfigs(UNIT_PLAIN)).toEqual([]);
	});

	test('DELETE answers 204, then 404; it needs unitId and event', async () => {
		await register();
		const deleted = await fk.call('DELETE', `/Webhooks?unitId=${UNIT_PLAIN}&event=${EVENT}`);
		expect(deleted.status).toBe(204);
		expect(deleted.body).toBeUndefined();
		expect((await fk.call('DELETE', `/Webhooks?unitId=${UNIT_PLAIN}&event=${EVENT}`)).status).toBe(404);
		expect((await fk.call('DELETE', `/Webhooks?unitId=${UNIT_PLAIN}`)).body).toEqual({ status: 400, message: 'event is required' });
		expect((await fk.call('DELETE', `/Webhooks?event=${EVENT}`)).body).toEqual({ status: 400, message: 'unitId is required' });
		await control('ON');
		await fk.sim.flexykey.flush();
		expect(receiver.calls).toEqual([]);
	});
});

describe('control.statusChanged deliveries', () => {
	test('a Control change sends the Control status payload, signed, with the documented headers', async () => {
		await register();
		await control('ON');
		await fk.sim.flexykey.flush();
		expect(receiver.calls).toHaveLength(1);
		const [call] = receiver.calls;
		expect(call.method).toBe('POST');
		expect(call.url).toBe('/hook');
		expect(call.headers).toMatchObject({ 'x-event': EVENT, 'x-unitid': String(UNIT_PLAIN), 'x-api-key': 'key-123', 'content-type': 'application/json' });
		expect(call.headers['x-signature']).toBe(sign(call.body));
		expect(call.headers['x-signature']).toMatch(/^[0-9a-f]{64}$/);
		expect(call.headers['x-webhook-test']).toBeUndefined();
		const payload = JSON.parse(call.body) as ControlStatus;
		const polled = (await fk.call<ControlStatus>('GET', `/Control?unitId=${UNIT_PLAIN}`)).body;
		expect(Object.keys(payload).sort()).toEqual(Object.keys(polled).sort());
		expect(payload).toEqual({ ...polled, isCached: false });
		expect(payload.fOutputs.find((io) => io.globalNumber === 'F1')?.state).toBe('ON');
		expect(fk.sim.webhooks.deliveries.filter((delivery) => delivery.api === 'flexykey')).toHaveLength(1);
	});

	test('the Control response does not wait for the receiver; flush() does', async () => {
		await register();
		const release = receiver.hold();
		expect((await control('ON')).status).toBe(200);
		// answered while the receiver still holds its answer: the delivery has no status yet
		await eventually(() => expect(receiver.calls).toHaveLength(1));
		expect(fk.sim.webhooks.deliveries.at(-1)?.status).toBeUndefined();
		let flushed = false;
		const flushing = fk.sim.flexykey.flush().then(() => (flushed = true));
		await new Promise((resolve) => setImmediate(resolve));
		expect(flushed).toBe(false);
		release();
		await flushing;
		expect(fk.sim.webhooks.deliveries.at(-1)?.status).toBe(200);
	});

	test('a pulse sends ON then OFF; the configured method and no signature without a secret', async () => {
		await register({ httpMethod: 'PUT', secret: null, apiKey: null });
		await control('1', 'F2');
		await fk.sim.flexykey.flush();
		fk.clock.advance(1150);
		await fk.sim.flexykey.flush();
		expect(receiver.calls.map((call) => call.method)).toEqual(['PUT', 'PUT']);
		expect(receiver.calls.map((call) => (JSON.parse(call.body) as ControlStatus).fOutputs[1].state)).toEqual(['ON', 'OFF']);
		expect(receiver.calls[0].headers['x-signature']).toBeUndefined();
		expect(receiver.calls[0].headers['x-api-key']).toBeUndefined();
	});

	test('no delivery when nothing changed, when inactive, or for another unit', async () => {
		await register();
		await control('OFF');
		await register({ isActive: 0 });
		await control('ON');
		await control('ON', 'X1', UNIT_WEXP);
		await fk.sim.flexykey.flush();
		expect(receiver.calls).toEqual([]);
	});

	test('a CHECKASTAT answer is an ASTAT message, so it fires the webhook', async () => {
		await register();
		await fk.call('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKASTAT' });
		fk.clock.advance(120);
		await fk.sim.flexykey.flush();
		expect(receiver.calls).toHaveLength(1);
		expect(receiver.calls[0].headers['x-signature']).toBe(sign(receiver.calls[0].body));
	});
});

describe('POST /Webhooks/Test', () => {
	test('sends the GET /Control payload with X-Webhook-Test: 1 and returns the receiver status', async () => {
		await register();
		const res = await fk.call('POST', '/Webhooks/Test', { unitId: UNIT_PLAIN, event: EVENT });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'OK', success: true, responseStatusCode: 200, unitId: UNIT_PLAIN, event: EVENT });
		expect(receiver.calls).toHaveLength(1);
		const [call] = receiver.calls;
		expect(call.headers).toMatchObject({ 'x-webhook-test': '1', 'x-event': EVENT, 'x-unitid': String(UNIT_PLAIN), 'x-api-key': 'key-123' });
		expect(call.headers['x-signature']).toBe(sign(call.body));
		expect(JSON.parse(call.body)).toEqual((await fk.call('GET', `/Control?unitId=${UNIT_PLAIN}`)).body);
	});

	test('reports a failing receiver and an unreachable one', async () => {
		await register();
		receiver.respondWith = 500;
		expect((await fk.call('POST', '/Webhooks/Test', { unitId: UNIT_PLAIN, event: EVENT })).body).toMatchObject({ status: 'Failed', success: false, responseStatusCode: 500 });
		await register({ callbackUrl: 'http://127.0.0.1:1/hook' });
		const unreachable = await fk.call('POST', '/Webhooks/Test', { unitId: UNIT_PLAIN, event: EVENT });
		expect(unreachable.body).toMatchObject({ status: 'Failed', success: false, responseStatusCode: null, error: expect.any(String) });
	});

	test('works on an inactive webhook; 404 without one; 400 for an unknown event', async () => {
		await register({ isActive: 0 });
		expect((await fk.call('POST', '/Webhooks/Test', { unitId: UNIT_PLAIN, event: EVENT })).body).toMatchObject({ success: true });
		expect(receiver.calls).toHaveLength(1);
		expect((await fk.call('POST', '/Webhooks/Test', { unitId: UNIT_WEXP, event: EVENT })).status).toBe(404);
		expect((await fk.call('POST', '/Webhooks/Test', { unitId: UNIT_PLAIN, event: 'x' })).status).toBe(400);
		expect((await fk.call('POST', '/Webhooks/Test', { unitId: UNIT_PLAIN })).body).toEqual({ status: 400, message: 'event is required' });
	});
});
