/**
 * The shared simulator server: mounting, admin endpoints (`/_sim/*`), run-time config and fault
 * injection, start/stop.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cekSafeKeys, flexUnlockKeys } from '../../simulator/demo-credentials';
import { cekSafeFixtures } from '../../simulator/ceksafe';
import { flexUnlockFixtures } from '../../simulator/flexunlock';
import { ManualClock } from '../../simulator/core/clock';
import { startSimulator, type Simulator } from '../../simulator/index';

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ port: 0, flexunlock: { orderStepMs: 0, rateLimit: { mode: 'off' } }, ceksafe: { rateLimit: { mode: 'off' } } });
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	Object.assign(sim.config.faults, { latencyMs: 0, error500: 0, connectionReset: 0, malformedJson: 0, slow: 0 });
});

const admin = (method: string, path: string, body?: unknown) =>
	fetch(`${sim.baseUrl}/_sim${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});

const check = () =>
	fetch(`${sim.urls.ceksafe}/check`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${cekSafeKeys.growth.key}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ imei: cekSafeFixtures.cleanImei, type: 'basic' }),
	});

const order = () =>
	fetch(`${sim.urls.flexunlock}/unlock/order`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${flexUnlockKeys.reseller.key}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ imei: flexUnlockFixtures.eligibleImei, carrier: 'EE', service: 'Active' }),
	});

describe('mounting', () => {
	test('each API lives under /<name>/v1 on one port', () => {
		expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sim.urls).toEqual({
			flexykey: `${sim.baseUrl}/flexykey/v1`,
			flexunlock: `${sim.baseUrl}/flexunlock/v1`,
			ceksafe: `${sim.baseUrl}/ceksafe/v1`,
		});
	});

	test('unknown API or version answers 404', async () => {
		expect((await fetch(`${sim.baseUrl}/nope/v1/check`)).status).toBe(404);
		expect((await fetch(`${sim.baseUrl}/ceksafe/v2/check`, { method: 'POST' })).status).toBe(404);
	});
});

describe('admin endpoints', () => {
	test('GET /_sim/state snapshots every API', async () => {
		await order();
		const res = await admin('GET', '/state');
		expect(res.status).toBe(200);
		const state = (await res.json()) as Record<string, { orders?: unknown[]; history?: unknown }>;
		expect(Object.keys(state).sort()).toEqual(['ceksafe', 'flexunlock', 'flexykey']);
		expect(state.flexunlock.orders).toHaveLength(7);
		expect(state.ceksafe.history).toEqual({ starter: 0, growth: 150, pro: 12 });
	});

	test('POST /_sim/reset restores the seed and clears the delivery log', async () => {
		await fetch(`${sim.urls.flexunlock}/webhooks`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${flexUnlockKeys.reseller.key}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ url: 'http://127.0.0.1:9/unreachable', events: ['unlock.created'], secret: 's' }),
		});
		const placed = (await (await order()).json()) as { order_id: string };
		await check();
		await sim.flexunlock.flush();
		expect(sim.webhooks.deliveries).toHaveLength(1);
		expect((await admin('POST', '/reset')).status).toBe(204);
		expect(sim.flexunlock.orders.has(placed.order_id)).toBe(false);
		expect(sim.flexunlock.webhooks.size).toBe(0);
		expect(sim.ceksafe.history('growth')).toHaveLength(150);
		expect(await (await admin('GET', '/deliveries')).json()).toEqual([]);
	});

	test('PATCH /_sim/config changes knobs at run time and keeps the others', async () => {
		const res = await admin('PATCH', '/config', { flexunlock: { rateLimit: { mode: 'fixed', limit: 1, windowMs: 60_000 } } });
		expect(res.status).toBe(200);
		const config = (await res.json()) as { flexunlock: unknown; ceksafe: { rateLimit: { mode: string } } };
		expect(config.flexunlock).toEqual({ rateLimit: { mode: 'fixed', limit: 1, windowMs: 60_000 }, orderStepMs: 0 });
		expect(config.ceksafe.rateLimit.mode).toBe('off');
		expect((await order()).status).toBe(200);
		const limited = await order();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
		await admin('PATCH', '/config', { flexunlock: { rateLimit: { mode: 'off' } } });
		expect((await order()).status).toBe(200);
	});

	test('GET /_sim/deliveries lists webhook deliveries', async () => {
		const received: string[] = [];
		const receiver = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				received.push(body);
				res.writeHead(204).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
		try {
			await fetch(`${sim.urls.flexunlock}/webhooks`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${flexUnlockKeys.reseller.key}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ url, events: ['unlock.created'], secret: 'shh' }),
			});
			await order();
			await sim.flexunlock.flush();
			const deliveries = (await (await admin('GET', '/deliveries')).json()) as Array<{ headers: Record<string, string> }>;
			expect(deliveries).toEqual([
				expect.objectContaining({ api: 'flexunlock', url, method: 'POST', status: 204, body: received[0] }),
			]);
			expect(deliveries[0].headers['X-FlexUnlock-Signature']).toMatch(/^[0-9a-f]{64}$/);
		} finally {
			await new Promise((resolve) => receiver.close(resolve));
		}
	});

	test('unknown admin routes answer 404', async () => {
		expect((await admin('GET', '/nothing')).status).toBe(404);
	});
});

describe('fault injection', () => {
	test('error500 = 1 answers 500 before the handler runs (no state change)', async () => {
		expect((await admin('PATCH', '/faults', { error500: 1 })).status).toBe(200);
		const res = await order();
		expect(res.status).toBe(500);
		expect(sim.flexunlock.orders.size).toBe(6);
		// admin routes are never faulted
		expect((await admin('GET', '/state')).status).toBe(200);
	});

	test('connectionReset = 1 drops the connection', async () => {
		await admin('PATCH', '/faults', { connectionReset: 1 });
		await expect(check()).rejects.toThrow();
		expect(sim.ceksafe.history('growth')).toHaveLength(150);
	});

	test('malformedJson = 1 answers 200 with a body that does not parse', async () => {
		await admin('PATCH', '/faults', { malformedJson: 1 });
		const res = await check();
		expect(res.status).toBe(200);
		await expect(res.json()).rejects.toThrow();
	});

	test('latencyMs delays every API response', async () => {
		await admin('PATCH', '/faults', { latencyMs: 150 });
		const started = Date.now();
		expect((await check()).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	test('faults set through /_sim/config apply too', async () => {
		await admin('PATCH', '/config', { faults: { error500: 1 } });
		expect((await check()).status).toBe(500);
		await admin('PATCH', '/config', { faults: { error500: 0 } });
		expect((await check()).status).toBe(200);
	});
});

describe('lifecycle', () => {
	test('two simulators run side by side on free ports and stop cleanly', async () => {
		const other = await startSimulator({ port: 0 });
		expect(other.baseUrl).not.toBe(sim.baseUrl);
		const res = await fetch(`${other.urls.ceksafe}/history`, { headers: { Authorization: `Bearer ${cekSafeKeys.pro.key}` } });
		expect(res.status).toBe(200);
		expect(res.headers.get('x-ratelimit-limit')).toBe('1000');
		await other.stop();
		await expect(fetch(`${other.urls.ceksafe}/history`)).rejects.toThrow();
	});

	test('stop() clears pending order timers', async () => {
		const clock = new ManualClock();
		const other = await startSimulator({ port: 0, flexunlock: { orderStepMs: 50, rateLimit: { mode: 'off' } } }, clock);
		const res = await fetch(`${other.urls.flexunlock}/unlock/order`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${flexUnlockKeys.reseller.key}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ imei: flexUnlockFixtures.eligibleImei, carrier: 'EE', service: 'Active' }),
		});
		const { order_id: id } = (await res.json()) as { order_id: string };
		expect(clock.pending).toBe(1);
		await other.stop();
		expect(clock.pending).toBe(0);
		clock.advance(150);
		expect(other.flexunlock.orders.get(id)!.status).toBe('created');
	});
});
