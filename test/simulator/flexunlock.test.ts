/**
 * Contract tests of the FlexUnlock simulator over HTTP: auth, check/order/status, webhooks CRUD,
 * signed deliveries, order progression and rate limiting.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hmacHex, WebhookSender } from '../../simulator/core/webhooks';
import { defaultConfig, mergeConfig } from '../../simulator/config';
import { flexUnlockKeys } from '../../simulator/demo-credentials';
import { createFlexUnlockApi, flexUnlockFixtures, withLuhn } from '../../simulator/flexunlock';
import { startSimulator, type Simulator } from '../../simulator/index';
import { ManualClock } from '../../simulator/core/clock';
import type { SimRequest } from '../../simulator/core/http';

const { eligibleImei, blacklistedImeis, failingImeis } = flexUnlockFixtures;
const reseller = flexUnlockKeys.reseller.key;
const distributor = flexUnlockKeys.distributor.key;

let sim: Simulator;
/** The simulator's time: order steps and rate-limit windows move only when a test advances it. */
const clock = new ManualClock();

beforeAll(async () => {
	sim = await startSimulator(
		{
			port: 0,
			flexunlock: { orderStepMs: 0, rateLimit: { mode: 'off' } },
			flexykey: { rateLimit: { mode: 'off' } },
		},
		clock,
	);
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	sim.config.flexunlock = { ...sim.config.flexunlock, orderStepMs: 0, rateLimit: { mode: 'off', limit: 60, windowMs: 60_000 } };
});

async function call(method: string, path: string, body?: unknown, key: string | null = reseller, rawBody?: string) {
	const headers: Record<string, string> = {};
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	if (body !== undefined || rawBody !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(`${sim.urls.flexunlock}${path}`, {
		method,
		headers,
		body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

interface Received {
	headers: IncomingHttpHeaders;
	raw: string;
	json: { event: string; created_at: string; data: Record<string, unknown> };
}

async function receiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			received.push({ headers: req.headers, raw, json: JSON.parse(raw) });
			res.writeHead(200).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

describe('authentication', () => {
	test.each([
		['no Authorization header', null],
		['an unknown key', 'fu_not_a_key'],
		['an empty key', ''],
	])('%s answers 401 {"error": "Invalid API key"}', async (_label, key) => {
		const res = await call('POST', '/unlock/check', { imei: eligibleImei, carrier: 'T-Mobile' }, key);
		expect(res.status).toBe(401);
		expect(res.body).toEqual({ error: 'Invalid API key' });
	});

	test('a Basic header carrying a valid key is still 401', async () => {
		const res = await fetch(`${sim.urls.flexunlock}/webhooks`, { headers: { Authorization: `Basic ${reseller}` } });
		expect(res.status).toBe(401);
	});

	test('the Bearer scheme is case-insensitive', async () => {
		const res = await fetch(`${sim.urls.flexunlock}/webhooks`, { headers: { Authorization: `bearer ${reseller}` } });
		expect(res.status).toBe(200);
	});
});

describe('POST /unlock/check', () => {
	test("answers exactly the doc's shape for an eligible device", async () => {
		const res = await call('POST', '/unlock/check', { imei: eligibleImei, carrier: 'T-Mobile' });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			status: 'success',
			eligible: true,
			price: 15.5,
			estimated_time: 'Instantly',
			supported_services: ['Activation', 'Active'],
		});
	});

	test('is deterministic per carrier and case/punctuation-insensitive on the carrier name', async () => {
		const a = await call('POST', '/unlock/check', { imei: eligibleImei, carrier: 'AT&T' });
		const b = await call('POST', '/unlock/check', { imei: eligibleImei, carrier: 'att' });
		expect(a.body).toEqual(b.body);
		expect(a.body.supported_services).toEqual(['Activation', 'Active', 'Premium']);
		const verizon = await call('POST', '/unlock/check', { imei: eligibleImei, carrier: 'Verizon' });
		expect(verizon.body.price).toBe(9.99);
		expect(verizon.body.supported_services).toEqual(['Activation']);
	});

	test.each(blacklistedImeis)('blacklisted device %s is not eligible', async (imei) => {
		const res = await call('POST', '/unlock/check', { imei, carrier: 'T-Mobile' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'success', eligible: false, supported_services: [] });
	});

	test('an unknown carrier is not eligible', async () => {
		const res = await call('POST', '/unlock/check', { imei: eligibleImei, carrier: 'Nowhere Mobile' });
		expect(res.status).toBe(200);
		expect(res.body.eligible).toBe(false);
	});

	const badLuhn = eligibleImei.slice(0, 14) + String((Number(eligibleImei[14]) + 1) % 10);
	test.each([
		['14 digits', eligibleImei.slice(0, 14)],
		['16 digits', eligibleImei + '0'],
		['letters', '35391211000000A'],
		['a wrong Luhn digit', badLuhn],
		['a JSON number', Number(eligibleImei)],
		['dashes', '35-391211-000001-' + eligibleImei[14]],
	])('an IMEI with %s answers 400 {"error": "Invalid IMEI number"}', async (_label, imei) => {
		const res = await call('POST', '/unlock/check', { imei, carrier: 'T-Mobile' });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: 'Invalid IMEI number' });
	});

	test('a missing carrier answers 400 naming the carrier', async () => {
		const res = await call('POST', '/unlock/check', { imei: eligibleImei });
		expect(res.status).toBe(400);
		expect(res.body.error).toMatch(/carrier/);
		expect(Object.keys(res.body)).toEqual(['error']);
	});

	test('a missing IMEI answers 400', async () => {
		const res = await call('POST', '/unlock/check', { carrier: 'T-Mobile' });
		expect(res.status).toBe(400);
		expect(res.body.error).toMatch(/imei/i);
	});

	test("the doc's contradictory example body (Email, Code Status) is rejected: the table is the contract", async () => {
		const res = await call('POST', '/unlock/check', {
			Email: 'demo@flexunlock.com',
			'Code Status': 'demo@flexunlock.com successfully activated',
		});
		expect(res.status).toBe(400);
	});

	test('unparsable JSON answers 400 with an error message', async () => {
		const res = await call('POST', '/unlock/check', undefined, reseller, '{"imei": ');
		expect(res.status).toBe(400);
		expect(typeof res.body.error).toBe('string');
	});

	test('unknown paths answer 404 and wrong methods 405, both as {"error"}', async () => {
		const missing = await call('POST', '/unlock/nothing', {});
		expect(missing.status).toBe(404);
		expect(typeof missing.body.error).toBe('string');
		const wrong = await call('GET', '/unlock/check');
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toBe('POST');
	});
});

describe('orders', () => {
	test('order → created; status follows created → processing → completed with an unlock code', async () => {
		const placed = await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'T-Mobile', service: 'Active' });
		expect(placed.status).toBe(200);
		expect(placed.body).toEqual({ status: 'success', order_id: expect.stringMatching(/^ord_\w+$/), order_status: 'created' });
		const id: string = placed.body.order_id;

		const created = await call('POST', '/unlock/status', { order_id: id });
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({ status: 'success', order_id: id, order_status: 'created', imei: eligibleImei, carrier: 'T-Mobile', service: 'Active', price: 15.5 });
		expect(created.body.unlock_code).toBeUndefined();
		expect(created.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

		expect(sim.flexunlock.advanceOrder(id)).toBe('processing');
		expect((await call('POST', '/unlock/status', { order_id: id })).body.order_status).toBe('processing');

		expect(sim.flexunlock.advanceOrder(id)).toBe('completed');
		const done = await call('POST', '/unlock/status', { order_id: id });
		expect(done.body.order_status).toBe('completed');
		expect(done.body.unlock_code).toMatch(/^\d{16}$/);
		expect(done.body.completed_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

		// terminal: stepping again changes nothing
		expect(sim.flexunlock.advanceOrder(id)).toBe('completed');
	});

	test('an order with an Email gets the activation sentence as its unlock code', async () => {
		const placed = await call('POST', '/unlock/order', {
			imei: eligibleImei,
			carrier: 'T-Mobile',
			service: 'Activation',
			Email: 'someone@example.com',
		});
		const id: string = placed.body.order_id;
		sim.flexunlock.advanceOrder(id);
		sim.flexunlock.advanceOrder(id);
		const done = await call('POST', '/unlock/status', { order_id: id });
		expect(done.body).toMatchObject({ Email: 'someone@example.com', unlock_code: 'someone@example.com successfully activated' });
	});

	test.each(failingImeis)('orders for %s end failed', async (imei) => {
		const placed = await call('POST', '/unlock/order', { imei, carrier: 'Vodafone', service: 'Activation' });
		expect(placed.status).toBe(200);
		const id: string = placed.body.order_id;
		sim.flexunlock.advanceOrder(id);
		expect(sim.flexunlock.advanceOrder(id)).toBe('failed');
		const failed = await call('POST', '/unlock/status', { order_id: id });
		expect(failed.body.order_status).toBe('failed');
		expect(failed.body.unlock_code).toBeUndefined();
	});

	test('a service the device does not support answers 400 listing the supported ones', async () => {
		const res = await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'Verizon', service: 'Premium' });
		expect(res.status).toBe(400);
		expect(res.body.error).toContain('Activation');
	});

	test('a missing service answers 400', async () => {
		const res = await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'Verizon' });
		expect(res.status).toBe(400);
		expect(res.body.error).toMatch(/service/);
	});

	test('an ineligible device cannot be ordered', async () => {
		const res = await call('POST', '/unlock/order', { imei: blacklistedImeis[0], carrier: 'T-Mobile', service: 'Activation' });
		expect(res.status).toBe(400);
		expect(sim.flexunlock.orders.size).toBe(6);
	});

	test('the order endpoint validates the IMEI like check', async () => {
		const res = await call('POST', '/unlock/order', { imei: '123', carrier: 'T-Mobile', service: 'Activation' });
		expect(res).toMatchObject({ status: 400, body: { error: 'Invalid IMEI number' } });
	});

	test('status of an unknown order is 404 {"error"}; of another account\'s order too', async () => {
		const unknown = await call('POST', '/unlock/status', { order_id: 'ord_999999' });
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ error: expect.any(String) });
		const mine = await call('POST', '/unlock/status', { order_id: 'ord_100001' }, reseller);
		expect(mine.status).toBe(200);
		const theirs = await call('POST', '/unlock/status', { order_id: 'ord_100001' }, distributor);
		expect(theirs.status).toBe(404);
	});

	test('status without order_id is 400', async () => {
		const res = await call('POST', '/unlock/status', {});
		expect(res.status).toBe(400);
	});

	test('seeded history: the doc example order is completed with its activation sentence', async () => {
		const res = await call('POST', '/unlock/status', { order_id: 'ord_100001' });
		expect(res.body).toMatchObject({
			order_status: 'completed',
			Email: 'demo@flexunlock.com',
			unlock_code: 'demo@flexunlock.com successfully activated',
			completed_at: '2025-10-27 23:11:29',
		});
	});

	test('orders progress on their own every orderStepMs', async () => {
		sim.config.flexunlock = { ...sim.config.flexunlock, orderStepMs: 20 };
		const placed = await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'EE', service: 'Active' });
		const id: string = placed.body.order_id;
		const statusNow = async () => (await call('POST', '/unlock/status', { order_id: id })).body.order_status as string;
		const seen = [await statusNow()];
		clock.advance(19);
		seen.push(await statusNow());
		clock.advance(1);
		seen.push(await statusNow());
		clock.advance(20);
		seen.push(await statusNow());
		clock.advance(1_000);
		seen.push(await statusNow());
		expect(seen).toEqual(['created', 'created', 'processing', 'completed', 'completed']);
	});

	test('reset() restores the seeded orders and drops new ones', async () => {
		const placed = await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'EE', service: 'Active' });
		expect(sim.flexunlock.orders.has(placed.body.order_id)).toBe(true);
		sim.reset();
		expect(sim.flexunlock.orders.has(placed.body.order_id)).toBe(false);
		expect([...sim.flexunlock.orders.keys()]).toEqual(['ord_100001', 'ord_100002', 'ord_100003', 'ord_100004', 'ord_100005', 'ord_100006']);
	});
});

describe('webhook registrations', () => {
	test('POST /webhooks answers 201 {id, url, events, created_at} without the secret', async () => {
		const res = await call('POST', '/webhooks', {
			url: 'https://your-domain.com/webhook',
			events: ['unlock.completed', 'unlock.failed'],
			secret: 'your-webhook-secret',
		});
		expect(res.status).toBe(201);
		expect(res.body).toEqual({
			id: expect.stringMatching(/^wh_\w+$/),
			url: 'https://your-domain.com/webhook',
			events: ['unlock.completed', 'unlock.failed'],
			created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
	});

	test('GET /webhooks lists only the caller\'s webhooks, never secrets; DELETE removes', async () => {
		const mine = await call('POST', '/webhooks', { url: 'http://a.example/x', events: ['unlock.created'], secret: 's1' });
		const theirs = await call('POST', '/webhooks', { url: 'http://b.example/y', events: ['unlock.created'], secret: 's2' }, distributor);

		const list = await call('GET', '/webhooks');
		expect(list.status).toBe(200);
		expect(list.body).toEqual({ status: 'success', webhooks: [mine.body] });
		expect(JSON.stringify(list.body)).not.toContain('s1');

		expect((await call('DELETE', `/webhooks/${theirs.body.id}`)).status).toBe(404);
		const removed = await call('DELETE', `/webhooks/${mine.body.id}`);
		expect(removed.status).toBe(204);
		expect(removed.body).toBeUndefined();
		expect((await call('GET', '/webhooks')).body.webhooks).toEqual([]);
		expect((await call('DELETE', `/webhooks/${mine.body.id}`)).status).toBe(404);
		expect((await call('GET', '/webhooks', undefined, distributor)).body.webhooks).toHaveLength(1);
	});

	test.each([
		['a relative URL', { url: '/hook', events: ['unlock.created'], secret: 's' }],
		['an ftp URL', { url: 'ftp://x.example/hook', events: ['unlock.created'], secret: 's' }],
		['no URL', { events: ['unlock.created'], secret: 's' }],
		['no events', { url: 'https://x.example', secret: 's' }],
		['an empty event list', { url: 'https://x.example', events: [], secret: 's' }],
		['an unknown event', { url: 'https://x.example', events: ['unlock.created', 'order.shipped'], secret: 's' }],
		['events as a string', { url: 'https://x.example', events: 'unlock.created', secret: 's' }],
		['no secret', { url: 'https://x.example', events: ['unlock.created'] }],
	])('%s answers 400 {"error"}', async (_label, body) => {
		const res = await call('POST', '/webhooks', body);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ error: expect.any(String) });
		expect(sim.flexunlock.webhooks.size).toBe(0);
	});
});

describe('POST /_sim/flexunlock/burst', () => {
	test('answers N distinct unlock.completed events per webhook subscribed to it, signed with its secret, without sending them', async () => {
		await call('POST', '/webhooks', { url: 'http://a.example/completed', events: ['unlock.completed'], secret: 's1' });
		await call('POST', '/webhooks', { url: 'http://b.example/created', events: ['unlock.created'], secret: 's2' });
		const res = await fetch(`${sim.baseUrl}/_sim/flexunlock/burst`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 3 }) });
		expect(res.status).toBe(200);
		const events = (await res.json()) as Array<{ key: string; url: string; headers: Record<string, string>; body: string }>;
		expect(events.map((event) => event.url)).toEqual(Array(3).fill('http://a.example/completed'));
		expect(new Set(events.map((event) => event.key)).size).toBe(3);
		for (const event of events) {
			expect(event.headers['X-FlexUnlock-Signature']).toBe(hmacHex('s1', event.body));
			const parsed = JSON.parse(event.body) as { event: string; data: { order_id: string; status: string } };
			expect(parsed).toMatchObject({ event: 'unlock.completed', data: { order_id: event.key, status: 'completed' } });
		}
		expect(sim.webhooks.deliveries).toHaveLength(0);
	});

	test.each([0, 1.5, 'x', 10_001])('count %p answers 400', async (count) => {
		const res = await fetch(`${sim.baseUrl}/_sim/flexunlock/burst`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count }) });
		expect(res.status).toBe(400);
	});
});

describe('webhook deliveries', () => {
	let hook: Awaited<ReturnType<typeof receiver>>;
	beforeEach(async () => {
		hook = await receiver();
	});
	afterEach(async () => {
		await hook.close();
	});

	test('every subscribed event is delivered in order, signed with HMAC-SHA256 of the raw body', async () => {
		const secret = 'your-webhook-secret';
		await call('POST', '/webhooks', {
			url: hook.url,
			events: ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed'],
			secret,
		});
		const placed = await call('POST', '/unlock/order', {
			imei: eligibleImei,
			carrier: 'T-Mobile',
			service: 'Activation',
			Email: 'demo@flexunlock.com',
		});
		const id: string = placed.body.order_id;
		sim.flexunlock.advanceOrder(id);
		sim.flexunlock.advanceOrder(id);
		await sim.flexunlock.flush();

		expect(hook.received.map((r) => r.json.event)).toEqual(['unlock.created', 'unlock.processing', 'unlock.completed']);
		for (const delivery of hook.received) {
			expect(delivery.headers['x-flexunlock-signature']).toBe(hmacHex(secret, delivery.raw));
			expect(delivery.headers['x-flexunlock-signature']).toMatch(/^[0-9a-f]{64}$/);
			expect(delivery.headers['content-type']).toMatch(/application\/json/);
			expect(delivery.json.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		}
		const completed = hook.received[2].json;
		expect(Object.keys(completed)).toEqual(['event', 'created_at', 'data']);
		expect(completed.data).toEqual({
			order_id: id,
			Email: 'demo@flexunlock.com',
			status: 'completed',
			unlock_code: 'demo@flexunlock.com successfully activated',
			completed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			imei: eligibleImei,
			carrier: 'T-Mobile',
			service: 'Activation',
		});
		expect(Object.keys(completed.data).slice(0, 5)).toEqual(['order_id', 'Email', 'status', 'unlock_code', 'completed_at']);
		expect(hook.received[0].json.data).toEqual({ order_id: id, Email: 'demo@flexunlock.com', status: 'created', imei: eligibleImei, carrier: 'T-Mobile', service: 'Activation' });
		expect(sim.webhooks.deliveries.filter((d) => d.api === 'flexunlock' && d.status === 200)).toHaveLength(3);
	});

	test('only subscribed events are sent; failures arrive as unlock.failed', async () => {
		await call('POST', '/webhooks', { url: hook.url, events: ['unlock.completed', 'unlock.failed'], secret: 'k' });
		const ok = (await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'EE', service: 'Active' })).body.order_id;
		const bad = (await call('POST', '/unlock/order', { imei: failingImeis[0], carrier: 'EE', service: 'Active' })).body.order_id;
		for (const id of [ok, bad, ok, bad]) sim.flexunlock.advanceOrder(id);
		await sim.flexunlock.flush();
		expect(hook.received.map((r) => [r.json.event, r.json.data.order_id, r.json.data.status])).toEqual([
			['unlock.completed', ok, 'completed'],
			['unlock.failed', bad, 'failed'],
		]);
		expect(hook.received[1].json.data.unlock_code).toBeUndefined();
	});

	test("another account's orders are not delivered to this account's webhook, nor after DELETE", async () => {
		const created = await call('POST', '/webhooks', { url: hook.url, events: ['unlock.created'], secret: 'k' });
		await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'EE', service: 'Active' }, distributor);
		await call('DELETE', `/webhooks/${created.body.id}`);
		await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'EE', service: 'Active' });
		await sim.flexunlock.flush();
		expect(hook.received).toHaveLength(0);
	});

	test('automatic progression delivers created, processing and completed', async () => {
		sim.config.flexunlock = { ...sim.config.flexunlock, orderStepMs: 15 };
		await call('POST', '/webhooks', { url: hook.url, events: ['unlock.created', 'unlock.processing', 'unlock.completed'], secret: 'k' });
		await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'EE', service: 'Active' });
		clock.advance(30);
		await sim.flexunlock.flush();
		expect(hook.received).toHaveLength(3);
		expect(hook.received.map((r) => r.json.data.status)).toEqual(['created', 'processing', 'completed']);
	});

	test('a receiver that is down is recorded as a failed delivery, not thrown', async () => {
		const dead = await receiver();
		await dead.close();
		await call('POST', '/webhooks', { url: dead.url, events: ['unlock.created'], secret: 'k' });
		await call('POST', '/unlock/order', { imei: eligibleImei, carrier: 'EE', service: 'Active' });
		await sim.flexunlock.flush();
		const last = sim.webhooks.deliveries.at(-1)!;
		expect(last.url).toBe(dead.url);
		expect(last.error).toBeDefined();
	});
});

describe('rate limiting', () => {
	test('fixed mode: X-RateLimit-* on every response, then 429 with Retry-After', async () => {
		sim.config.flexunlock = { ...sim.config.flexunlock, rateLimit: { mode: 'fixed', limit: 3, windowMs: 60_000 } };
		const before = Math.floor(clock.now() / 1000);
		const remaining: string[] = [];
		for (let i = 0; i < 3; i++) {
			const res = await call('POST', '/unlock/check', { imei: i === 1 ? '1' : eligibleImei, carrier: 'EE' });
			expect(res.headers.get('x-ratelimit-limit')).toBe('3');
			remaining.push(res.headers.get('x-ratelimit-remaining')!);
			const reset = Number(res.headers.get('x-ratelimit-reset'));
			expect(reset).toBeGreaterThanOrEqual(before + 59);
			expect(reset).toBeLessThanOrEqual(before + 62);
		}
		expect(remaining).toEqual(['2', '1', '0']);

		const limited = await call('POST', '/unlock/check', { imei: eligibleImei, carrier: 'EE' });
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ error: 'Rate limit exceeded' });
		const retryAfter = limited.headers.get('retry-after')!;
		expect(retryAfter).toMatch(/^\d+$/);
		expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
		expect(Number(retryAfter)).toBeLessThanOrEqual(60);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(sim.flexunlock.rateLimited).toBe(1);

		// per key: another account still has its own window
		const other = await call('POST', '/unlock/check', { imei: eligibleImei, carrier: 'EE' }, distributor);
		expect(other.status).toBe(200);
		expect(other.headers.get('x-ratelimit-remaining')).toBe('2');
	});

	test('the window reopens after windowMs', async () => {
		sim.config.flexunlock = { ...sim.config.flexunlock, rateLimit: { mode: 'fixed', limit: 1, windowMs: 150 } };
		expect((await call('GET', '/webhooks')).status).toBe(200);
		expect((await call('GET', '/webhooks')).status).toBe(429);
		clock.advance(149);
		expect((await call('GET', '/webhooks')).status).toBe(429);
		clock.advance(1);
		expect((await call('GET', '/webhooks')).status).toBe(200);
	});

	test('plan mode uses each key\'s documented per-minute limit', async () => {
		sim.config.flexunlock = { ...sim.config.flexunlock, rateLimit: { mode: 'plan', limit: 1, windowMs: 1 } };
		expect((await call('GET', '/webhooks', undefined, reseller)).headers.get('x-ratelimit-limit')).toBe('60');
		expect((await call('GET', '/webhooks', undefined, distributor)).headers.get('x-ratelimit-limit')).toBe('300');
		expect((await call('GET', '/webhooks', undefined, flexUnlockKeys.bigSeller.key)).headers.get('x-ratelimit-limit')).toBe('3000');
	});

	test('plan mode: the 61st request of a Reseller key in a minute is 429', async () => {
		sim.config.flexunlock = { ...sim.config.flexunlock, rateLimit: { mode: 'plan', limit: 1, windowMs: 1 } };
		const statuses = await Promise.all(Array.from({ length: 61 }, () => call('GET', '/webhooks')).map((p) => p.then((r) => r.status)));
		expect(statuses.filter((s) => s === 200)).toHaveLength(60);
		expect(statuses.filter((s) => s === 429)).toHaveLength(1);
	});

	test('off mode sends no rate-limit headers', async () => {
		const res = await call('GET', '/webhooks');
		expect(res.headers.get('x-ratelimit-limit')).toBeNull();
	});
});

describe('module level', () => {
	function request(path: string, body: unknown, key: string): SimRequest {
		return {
			method: 'POST',
			path,
			params: {},
			query: new URLSearchParams(),
			headers: { authorization: `Bearer ${key}` },
			rawBody: Buffer.from(JSON.stringify(body)),
			body,
		};
	}

	test('plan mode enforces the per-day quota (Reseller 1,000/day)', async () => {
		const clock = new ManualClock(Date.UTC(2026, 2, 1));
		const api = createFlexUnlockApi({ config: mergeConfig(defaultConfig(), { flexunlock: { orderStepMs: 0 } }), webhooks: new WebhookSender(), clock });
		for (let i = 0; i < 1_000; i++) {
			const res = await api.handle(request('/unlock/check', { imei: eligibleImei, carrier: 'EE' }, reseller));
			expect(res.status).toBe(200);
			clock.advance(1_100); // 55 per minute: under the minute limit
		}
		const limited = await api.handle(request('/unlock/check', { imei: eligibleImei, carrier: 'EE' }, reseller));
		expect(limited.status).toBe(429);
		expect(limited.headers).toMatchObject({ 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': '0' });
		expect(Number(limited.headers!['Retry-After'])).toBeGreaterThan(60);
		expect(api.rateLimited).toBe(1);
		// the distributor's quota is separate
		expect((await api.handle(request('/unlock/check', { imei: eligibleImei, carrier: 'EE' }, distributor))).status).toBe(200);
		api.dispose!();
	});

	test('config is read at use time (the config object may be replaced)', async () => {
		const ctx = { config: defaultConfig(), webhooks: new WebhookSender(), clock: new ManualClock() };
		const api = createFlexUnlockApi(ctx);
		ctx.config = mergeConfig(ctx.config, { flexunlock: { rateLimit: { mode: 'fixed', limit: 1, windowMs: 60_000 } } });
		expect((await api.handle(request('/unlock/check', { imei: eligibleImei, carrier: 'EE' }, reseller))).status).toBe(200);
		expect((await api.handle(request('/unlock/check', { imei: eligibleImei, carrier: 'EE' }, reseller))).status).toBe(429);
		api.dispose!();
	});

	test('fixtures are valid IMEIs and withLuhn matches a known IMEI', () => {
		expect(withLuhn('49015420323751')).toBe('490154203237518');
		for (const imei of [eligibleImei, ...blacklistedImeis, ...failingImeis]) expect(imei).toMatch(/^\d{15}$/);
	});

	test('the request log records method, path, account and status', async () => {
		await call('POST', '/unlock/check', { imei: '1', carrier: 'EE' });
		await call('GET', '/webhooks', undefined, null);
		expect(sim.flexunlock.requests.slice(-2)).toEqual([
			expect.objectContaining({ method: 'POST', path: '/unlock/check', account: 'reseller', status: 400 }),
			expect.objectContaining({ method: 'GET', path: '/webhooks', account: undefined, status: 401 }),
		]);
	});
});
