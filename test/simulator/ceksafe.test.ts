/**
 * Contract tests of the CekSafe simulator over HTTP: auth and tier gate, /check, /history paging and
 * date filtering, rate limiting.
 */
import { cekSafeKeys } from '../../simulator/demo-credentials';
import { cekSafeFixtures, withLuhn } from '../../simulator/ceksafe';
import { startSimulator, type Simulator } from '../../simulator/index';

const growth = cekSafeKeys.growth.key;
const pro = cekSafeKeys.pro.key;
const starter = cekSafeKeys.starter.key;
const { cleanImei, blacklistedImeis, stolenImeis, unknownTacImei, badLuhnImei } = cekSafeFixtures;

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ port: 0, ceksafe: { rateLimit: { mode: 'off' } }, flexunlock: { orderStepMs: 0 } });
});
afterAll(async () => {
	await sim.stop();
});
beforeEach(() => {
	sim.reset();
	sim.config.ceksafe = { ...sim.config.ceksafe, rateLimit: { mode: 'off', limit: 500, windowMs: 60_000 } };
});

async function call(method: string, path: string, body?: unknown, key: string | null = growth, rawBody?: string) {
	const headers: Record<string, string> = {};
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	if (body !== undefined || rawBody !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(`${sim.urls.ceksafe}${path}`, {
		method,
		headers,
		body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const history = (query = '', key: string = growth) => call('GET', `/history${query}`, undefined, key);

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('authentication and tier', () => {
	test.each([
		['no Authorization header', null],
		['an unknown key', 'cs_nope'],
	])('%s answers 401 UNAUTHORIZED', async (_label, key) => {
		const res = await call('POST', '/check', { imei: cleanImei, type: 'total' }, key);
		expect(res.status).toBe(401);
		expect(res.body).toEqual({ success: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
	});

	test('a Starter key (below Growth) answers 403 TIER_REQUIRED on every endpoint', async () => {
		for (const res of [await call('POST', '/check', { imei: cleanImei, type: 'total' }, starter), await history('', starter)]) {
			expect(res.status).toBe(403);
			expect(res.body).toEqual({ success: false, error: { code: 'TIER_REQUIRED', message: expect.any(String) } });
		}
		expect(sim.ceksafe.history('starter')).toHaveLength(0);
	});

	test('Growth and Pro keys have API access', async () => {
		expect((await call('POST', '/check', { imei: cleanImei, type: 'basic' }, growth)).status).toBe(200);
		expect((await call('POST', '/check', { imei: cleanImei, type: 'basic' }, pro)).status).toBe(200);
	});
});

describe('POST /check', () => {
	test("a total check answers exactly the doc's shape", async () => {
		const res = await call('POST', '/check', { imei: cleanImei, type: 'total' });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			success: true,
			data: {
				imei: cleanImei,
				status: 'clean',
				blacklist: false,
				valid_format: true,
				device: { tac: cleanImei.slice(0, 8), brand: 'Apple', model: 'iPhone 13 Pro', year: '2021' },
				risk_analysis: { risk_level: 'low', trust_score: expect.any(Number), recommendation: 'safe_to_proceed' },
				certificate_url: expect.stringMatching(/^https:\/\/ceksafe\.com\/v\/[a-z0-9]+$/),
				checked_at: expect.stringMatching(ISO_SECONDS),
			},
		});
		expect(Object.keys(res.body.data)).toEqual([
			'imei',
			'status',
			'blacklist',
			'valid_format',
			'device',
			'risk_analysis',
			'certificate_url',
			'checked_at',
		]);
		expect(res.body.data.risk_analysis.trust_score).toBeGreaterThanOrEqual(85);
		expect(res.body.data.risk_analysis.trust_score).toBeLessThanOrEqual(100);
		expect(Math.abs(Date.parse(res.body.data.checked_at) - Date.now())).toBeLessThan(5_000);
	});

	test('a basic check has no risk analysis and no certificate', async () => {
		const res = await call('POST', '/check', { imei: cleanImei, type: 'basic' });
		expect(res.status).toBe(200);
		expect(Object.keys(res.body.data)).toEqual(['imei', 'status', 'blacklist', 'valid_format', 'device', 'checked_at']);
	});

	test('results are deterministic per IMEI', async () => {
		const a = await call('POST', '/check', { imei: cekSafeFixtures.cleanImei2, type: 'total' });
		const b = await call('POST', '/check', { imei: cekSafeFixtures.cleanImei2, type: 'total' });
		expect(a.body.data.device).toEqual({ tac: cekSafeFixtures.cleanImei2.slice(0, 8), brand: 'Samsung', model: 'Galaxy S23', year: '2023' });
		expect(b.body.data.risk_analysis).toEqual(a.body.data.risk_analysis);
		expect(b.body.data.certificate_url).not.toBe(a.body.data.certificate_url);
	});

	test.each(blacklistedImeis)('blacklisted %s: status blacklisted, high risk', async (imei) => {
		const { body } = await call('POST', '/check', { imei, type: 'total' });
		expect(body.data).toMatchObject({ status: 'blacklisted', blacklist: true, risk_analysis: { risk_level: 'high', recommendation: 'do_not_proceed' } });
		expect(body.data.risk_analysis.trust_score).toBeLessThan(30);
	});

	test.each(stolenImeis)('stolen %s: status stolen, blacklisted, high risk', async (imei) => {
		const { body } = await call('POST', '/check', { imei, type: 'basic' });
		expect(body.data).toMatchObject({ status: 'stolen', blacklist: true });
	});

	test('an unknown TAC is answered with an unknown device and medium risk', async () => {
		const { body } = await call('POST', '/check', { imei: unknownTacImei, type: 'total' });
		expect(body.data.device).toEqual({ tac: unknownTacImei.slice(0, 8), brand: 'Unknown', model: 'Unknown', year: null });
		expect(body.data.risk_analysis.risk_level).toBe('medium');
	});

	test.each([
		['14 digits', '35391211000001'],
		['16 digits', cleanImei + '1'],
		['letters', '3539121100000A1'],
		['spaces', '353912 110000011'],
		['a JSON number', Number(cleanImei)],
		['no imei', undefined],
	])('an IMEI with %s answers 400 INVALID_IMEI "IMEI must be 15 digits"', async (_label, imei) => {
		const res = await call('POST', '/check', { imei, type: 'total' });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ success: false, error: { code: 'INVALID_IMEI', message: 'IMEI must be 15 digits' } });
	});

	test('a wrong Luhn check digit answers 400 INVALID_IMEI with its own message', async () => {
		expect(badLuhnImei).toMatch(/^\d{15}$/);
		const res = await call('POST', '/check', { imei: badLuhnImei, type: 'total' });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('INVALID_IMEI');
		expect(res.body.error.message).toMatch(/check digit/i);
		// the doc's own example IMEI fails Luhn too
		expect((await call('POST', '/check', { imei: '123456789012345', type: 'total' })).body.error.code).toBe('INVALID_IMEI');
	});

	test.each([['premium'], ['TOTAL'], [undefined], [1]])('type %p answers 400 INVALID_TYPE', async (type) => {
		const res = await call('POST', '/check', { imei: cleanImei, type });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ success: false, error: { code: 'INVALID_TYPE', message: expect.any(String) } });
	});

	test('unparsable JSON answers 400 in the error envelope', async () => {
		const res = await call('POST', '/check', undefined, growth, '{"imei":');
		expect(res.status).toBe(400);
		expect(res.body.success).toBe(false);
		expect(typeof res.body.error.code).toBe('string');
	});

	test('failed checks are not recorded in the history', async () => {
		await call('POST', '/check', { imei: '1', type: 'total' });
		expect(sim.ceksafe.history('growth')).toHaveLength(150);
	});

	test('unknown paths 404 and wrong methods 405 in the error envelope', async () => {
		const missing = await call('GET', '/nothing');
		expect(missing.status).toBe(404);
		expect(missing.body.success).toBe(false);
		const wrong = await call('GET', '/check');
		expect(wrong.status).toBe(405);
		expect(wrong.body.error.code).toBe('METHOD_NOT_ALLOWED');
	});
});

describe('GET /history', () => {
	test('defaults to page 1, limit 20, newest first, with the seeded 150 checks', async () => {
		const res = await history();
		expect(res.status).toBe(200);
		expect(res.body.success).toBe(true);
		expect(res.body.data.pagination).toEqual({ page: 1, limit: 20, total: 150, pages: 8 });
		const checks = res.body.data.checks as Array<Record<string, string>>;
		expect(checks).toHaveLength(20);
		for (const check of checks) {
			expect(Object.keys(check)).toEqual(['id', 'imei', 'status', 'type', 'checked_at']);
			expect(check.id).toMatch(/^chk_[a-z0-9]+$/);
			expect(check.checked_at).toMatch(ISO_SECONDS);
			expect(check.checked_at.startsWith('2026-03-')).toBe(true);
			expect(['basic', 'total']).toContain(check.type);
		}
		const times = checks.map((c) => Date.parse(c.checked_at));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
	});

	test('paging walks every check exactly once; the last page is partial and past the end is empty', async () => {
		const ids: string[] = [];
		for (let page = 1; page <= 8; page++) {
			const res = await history(`?page=${page}&limit=20`);
			expect(res.body.data.pagination.page).toBe(page);
			ids.push(...res.body.data.checks.map((c: { id: string }) => c.id));
			if (page === 8) expect(res.body.data.checks).toHaveLength(10);
		}
		expect(new Set(ids).size).toBe(150);
		const past = await history('?page=9');
		expect(past.status).toBe(200);
		expect(past.body.data.checks).toEqual([]);
		expect(past.body.data.pagination).toEqual({ page: 9, limit: 20, total: 150, pages: 8 });
	});

	test('limit 100 is allowed; the seeded history includes blacklisted and stolen rows', async () => {
		const res = await history('?limit=100&page=2');
		expect(res.body.data.pagination).toEqual({ page: 2, limit: 100, total: 150, pages: 2 });
		expect(res.body.data.checks).toHaveLength(50);
		const statuses = new Set(sim.ceksafe.history('growth').map((row) => row.status));
		expect(statuses).toEqual(new Set(['clean', 'blacklisted', 'stolen']));
	});

	test.each([
		['limit over 100', '?limit=101', 'INVALID_PARAMETER'],
		['limit 0', '?limit=0', 'INVALID_PARAMETER'],
		['limit not a number', '?limit=ten', 'INVALID_PARAMETER'],
		['page 0', '?page=0', 'INVALID_PARAMETER'],
		['page negative', '?page=-1', 'INVALID_PARAMETER'],
		['page fractional', '?page=1.5', 'INVALID_PARAMETER'],
		['from not a date', '?from=yesterday', 'INVALID_DATE'],
		['from with slashes', '?from=2026/03/01', 'INVALID_DATE'],
		['to an impossible day', '?to=2026-02-30', 'INVALID_DATE'],
		['from after to', '?from=2026-03-10&to=2026-03-01', 'INVALID_DATE'],
	])('%s answers 400 %s', async (_label, query, code) => {
		const res = await history(query);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ success: false, error: { code, message: expect.any(String) } });
	});

	test('from/to are inclusive calendar days', async () => {
		const rows = sim.ceksafe.history('growth');
		const inRange = rows.filter((row) => row.checked_at >= '2026-03-10' && row.checked_at < '2026-03-13');
		expect(inRange.length).toBeGreaterThan(5);
		const res = await history('?from=2026-03-10&to=2026-03-12&limit=100');
		expect(res.body.data.pagination.total).toBe(inRange.length);
		expect(res.body.data.checks.map((c: { id: string }) => c.id).sort()).toEqual(inRange.map((r) => r.id).sort());

		const oneDay = rows.filter((row) => row.checked_at.startsWith('2026-03-31'));
		expect((await history('?from=2026-03-31&to=2026-03-31')).body.data.pagination.total).toBe(oneDay.length);
		expect((await history('?from=2026-03-01&to=2026-03-31')).body.data.pagination.total).toBe(150);
		expect((await history('?to=2026-02-28')).body.data.pagination).toEqual({ page: 1, limit: 20, total: 0, pages: 0 });
		expect((await history('?from=2026-04-01')).body.data.pagination.total).toBe(0);
	});

	test('a new check appears first in the caller\'s history only', async () => {
		const checked = await call('POST', '/check', { imei: cleanImei, type: 'total' });
		const first = (await history()).body.data;
		expect(first.pagination.total).toBe(151);
		expect(first.checks[0]).toEqual({
			id: expect.stringMatching(/^chk_/),
			imei: cleanImei,
			status: 'clean',
			type: 'total',
			checked_at: checked.body.data.checked_at,
		});
		expect(checked.body.data.certificate_url.endsWith(first.checks[0].id.slice(4))).toBe(true);
		const today = checked.body.data.checked_at.slice(0, 10);
		expect((await history(`?from=${today}&to=${today}`)).body.data.pagination.total).toBe(1);
		expect((await history('', pro)).body.data.pagination.total).toBe(12);
	});

	test('reset restores the seeded history', async () => {
		await call('POST', '/check', { imei: cleanImei, type: 'basic' });
		sim.reset();
		expect((await history()).body.data.pagination.total).toBe(150);
	});

	test('the seed is stable across resets', async () => {
		const before = sim.ceksafe.history('growth').map((row) => row.id);
		sim.reset();
		expect(sim.ceksafe.history('growth').map((row) => row.id)).toEqual(before);
		for (const row of sim.ceksafe.history('growth')) expect(withLuhn(row.imei.slice(0, 14))).toBe(row.imei);
	});
});

describe('rate limiting', () => {
	test('fixed mode: headers on every response, then 429 RATE_LIMITED with Retry-After', async () => {
		sim.config.ceksafe = { ...sim.config.ceksafe, rateLimit: { mode: 'fixed', limit: 2, windowMs: 30_000 } };
		const a = await call('POST', '/check', { imei: cleanImei, type: 'basic' });
		const b = await history();
		expect([a.status, b.status]).toEqual([200, 200]);
		expect([a.headers.get('x-ratelimit-remaining'), b.headers.get('x-ratelimit-remaining')]).toEqual(['1', '0']);
		expect(a.headers.get('x-ratelimit-limit')).toBe('2');
		const limited = await history();
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: expect.any(String) } });
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(Number.isInteger(retryAfter)).toBe(true);
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(30);
		expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
		expect(sim.ceksafe.rateLimited).toBe(1);
		expect((await history('', pro)).status).toBe(200);
	});

	test('plan mode: per-tier per-minute limits', async () => {
		sim.config.ceksafe = { ...sim.config.ceksafe, rateLimit: { mode: 'plan', limit: 1, windowMs: 1 } };
		expect((await history('', growth)).headers.get('x-ratelimit-limit')).toBe('500');
		expect((await history('', pro)).headers.get('x-ratelimit-limit')).toBe('1000');
		const starterRes = await history('', starter);
		expect(starterRes.status).toBe(403);
		expect(starterRes.headers.get('x-ratelimit-limit')).toBe('100');
	});

	test('401s carry no rate-limit headers and are not counted', async () => {
		sim.config.ceksafe = { ...sim.config.ceksafe, rateLimit: { mode: 'fixed', limit: 1, windowMs: 60_000 } };
		const res = await history('', 'cs_unknown');
		expect(res.status).toBe(401);
		expect(res.headers.get('x-ratelimit-limit')).toBeNull();
		expect((await history()).status).toBe(200);
	});
});
