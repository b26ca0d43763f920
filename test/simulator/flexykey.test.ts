/**
 * FlexyKey simulator contract: authentication and access, rate limit, error bodies, units, control
 * and status, logs. Other groups live in flexykey-*.test.ts.
 */
import type { ControlStatus, Unit } from '../../simulator/flexykey';
import { FAST, basic, UNIT_EVVA, UNIT_PLAIN, UNIT_WEXP, UNIT_X33, useFlexyKey, X33_SERIAL, type Obj } from './flexykey-helpers';

const fk = useFlexyKey(FAST, { manualClock: true });

interface LogView {
	logId: number;
	timestamp: string;
	timestampIso: string;
	eventType: string;
	message: string;
	outputNumber: string | null;
}

const stateOf = (status: ControlStatus, globalNumber: string) =>
	[...status.inputs, ...status.fOutputs, ...status.xOutputs, ...status.xInputs].find((item) => item.globalNumber === globalNumber)?.state;

describe('authentication and access', () => {
	test('missing credentials answer 401 with the error body and a Basic challenge', async () => {
		const res = await fk.call('GET', '/Units', undefined, { user: null });
		expect(res.status).toBe(401);
		expect(res.body).toEqual({ status: 401, message: expect.any(String) });
		expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
	});

	test('a wrong password, an unknown user and a non-Basic scheme answer 401', async () => {
		for (const authorization of [basic('demo@flexykey.test', 'wrong'), basic('nobody@flexykey.test', 'x'), 'Bearer demo-password']) {
			const res = await fk.call('GET', '/Units', undefined, { authorization });
			expect(res.status).toBe(401);
			expect(res.body.status).toBe(401);
		}
	});

	test('the other company sees no units and gets 403 on every demo unit', async () => {
		const list = await fk.call<Unit[]>('GET', '/Units', undefined, { user: 'other' });
		expect(list.status).toBe(200);
		expect(list.body).toEqual([]);
		const denied = [
			await fk.call('GET', `/Units/${UNIT_PLAIN}`, undefined, { user: 'other' }),
			await fk.call('GET', `/Control?unitId=${UNIT_PLAIN}`, undefined, { user: 'other' }),
			await fk.call('GET', `/Control?serialNumber=${X33_SERIAL}`, undefined, { user: 'other' }),
			await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'ON' }, { user: 'other' }),
			await fk.call('GET', `/Logs?unitId=${UNIT_PLAIN}`, undefined, { user: 'other' }),
			await fk.call('GET', `/UnitMessages?unitId=${UNIT_PLAIN}`, undefined, { user: 'other' }),
		];
		for (const res of denied) {
			expect(res.status).toBe(403);
			expect(res.body).toEqual({ status: 403, message: expect.stringMatching(/access/i) });
		}
		expect(stateOf(fk.sim.flexykey.ioState(UNIT_PLAIN), 'F1')).toBe('OFF');
	});

	test('an unknown unit is 404, for any user', async () => {
		expect((await fk.call('GET', '/Units/9999')).body).toEqual({ status: 404, message: expect.stringContaining('9999') });
		expect((await fk.call('GET', '/Units/9999', undefined, { user: 'other' })).status).toBe(404);
	});
});

describe('rate limit', () => {
	afterEach(() => {
		fk.sim.config.flexykey.rateLimit = { mode: 'fixed', limit: 600, windowMs: 60_000 };
	});

	test('every response carries X-RateLimit-* headers', async () => {
		const res = await fk.call('GET', '/Units');
		expect(res.headers.get('x-ratelimit-limit')).toBe('600');
		expect(res.headers.get('x-ratelimit-remaining')).toBe('599');
		expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(fk.clock.now() / 1000);
		const failed = await fk.call('GET', '/Units/9999');
		expect(failed.headers.get('x-ratelimit-remaining')).toBe('598');
	});

	test('past a tight fixed limit: 429 with Retry-After, counted per user, read from the live config', async () => {
		// replaced at run time, as PATCH /_sim/config does
		fk.sim.config.flexykey = { ...fk.sim.config.flexykey, rateLimit: { mode: 'fixed', limit: 3, windowMs: 60_000 } };
		for (let i = 0; i < 3; i++) expect((await fk.call('GET', '/Units')).status).toBe(200);
		const limited = await fk.call('GET', '/Units');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ status: 429, message: expect.any(String) });
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(fk.sim.flexykey.rateLimited).toBe(1);
		expect((await fk.call('GET', '/Units', undefined, { user: 'other' })).status).toBe(200);
	});

	test('the window resets after windowMs', async () => {
		fk.sim.config.flexykey.rateLimit = { mode: 'fixed', limit: 1, windowMs: 150 };
		expect((await fk.call('GET', '/Units')).status).toBe(200);
		expect((await fk.call('GET', '/Units')).status).toBe(429);
		fk.clock.advance(200);
		expect((await fk.call('GET', '/Units')).status).toBe(200);
	});

	test('plan mode behaves as fixed; off sends no headers and never limits', async () => {
		fk.sim.config.flexykey.rateLimit = { mode: 'plan', limit: 1, windowMs: 60_000 };
		expect((await fk.call('GET', '/Units')).status).toBe(200);
		expect((await fk.call('GET', '/Units')).status).toBe(429);
		fk.sim.config.flexykey.rateLimit = { mode: 'off', limit: 1, windowMs: 60_000 };
		const res = await fk.call('GET', '/Units');
		expect(res.status).toBe(200);
		expect(res.headers.get('x-ratelimit-limit')).toBeNull();
	});
});

describe('routing and error bodies', () => {
	test('an unknown path is 404 and a wrong method 405 with Allow, both with the error body', async () => {
		expect((await fk.call('GET', '/Nope')).body).toEqual({ status: 404, message: expect.any(String) });
		const wrong = await fk.call('DELETE', '/Units');
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')).toContain('GET');
		expect(wrong.body.status).toBe(405);
	});

	test('invalid JSON is 400', async () => {
		const res = await fk.call('POST', '/Control', undefined, { raw: '{"unitId": 3023,' });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ status: 400, message: expect.stringMatching(/JSON/) });
	});

	test('a missing body or a non-object body is 400', async () => {
		expect((await fk.call('POST', '/Control')).status).toBe(400);
		expect((await fk.call('POST', '/Control', [1, 2])).status).toBe(400);
	});

	test('paths are case-insensitive', async () => {
		expect((await fk.call('GET', '/units')).status).toBe(200);
		expect((await fk.call('GET', `/CONTROL?unitId=${UNIT_PLAIN}`)).status).toBe(200);
	});

	test('requestLog records every request received, including rejected ones', async () => {
		await fk.call('GET', '/Units', undefined, { user: null });
		await fk.call('GET', `/Control?unitId=${UNIT_PLAIN}`);
		expect(fk.sim.flexykey.requestLog.map(({ method, path, status, query }) => ({ method, path, status, query }))).toEqual([
			{ method: 'GET', path: '/Units', status: 401, query: '' },
			{ method: 'GET', path: '/Control', status: 200, query: `unitId=${UNIT_PLAIN}` },
		]);
	});
});

describe('GET /Units', () => {
	test('lists the seeded units with their IO structure', async () => {
		const { status, body } = await fk.call<Unit[]>('GET', '/Units');
		expect(status).toBe(200);
		expect(body.map((unit) => unit.unitId)).toEqual([UNIT_PLAIN, UNIT_WEXP, UNIT_EVVA, UNIT_X33]);
		for (const unit of body) {
			expect(typeof unit.serialNumber).toBe('string');
			expect(unit.serialNumber).toMatch(/^\d+$/);
			expect(Array.isArray(unit.sensors) && Array.isArray(unit.counters) && Array.isArray(unit.expansions)).toBe(true);
		}
		expect(body.some((unit) => unit.serialNumber.startsWith('0'))).toBe(true);

		const plain = body[0];
		expect(plain.unitType).toBe('FlexyKey');
		expect(plain.expansions).toEqual([]);
		expect(plain.outputs.map((io) => io.globalNumber)).toEqual(['F1', 'F2']);
		expect(plain.inputs.length).toBeGreaterThan(0);
		expect(plain.sensors[0]).toMatchObject({ sensorNumber: 'T1' });
		expect(plain.counters[0]).toMatchObject({ counterNumber: 'C1' });

		const wexp = body[1].expansions.find((expansion) => expansion.type === 'WEXP')!;
		expect(wexp.outputs.map((io) => io.globalNumber)).toEqual(['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8']);
		expect(wexp.inputs.map((io) => io.globalNumber)).toEqual(['IX1', 'IX2', 'IX3', 'IX4', 'IX5', 'IX6', 'IX7', 'IX8']);
		expect(wexp.outputs[0]).toEqual({ localNumber: 1, globalNumber: 'X1', description: 'Alarm output' });
		expect(body[1].expansions.some((expansion) => expansion.type !== 'WEXP' && expansion.outputs.length === 0)).toBe(true);

		expect(body[2].unitType).toBe('EvvaAirKey');

		const x33 = body[3].expansions.flatMap((expansion) => expansion.outputs).find((io) => io.globalNumber === 'X33');
		expect(x33).toEqual({ localNumber: 1, globalNumber: 'X33', description: 'Loading dock door' });
		expect(body[3].serialNumber).toBe(X33_SERIAL);
	});

	test('GET /Units/{unitId} returns the same object as the list; a non-numeric id is 400', async () => {
		const list = await fk.call<Unit[]>('GET', '/Units');
		const one = await fk.call<Unit>('GET', `/Units/${UNIT_WEXP}`);
		expect(one.body).toEqual(list.body[1]);
		expect((await fk.call('GET', '/Units/abc')).status).toBe(400);
	});
});

describe('POST /Control and GET /Control', () => {
	test('F1 ON answers the documented response and changes the status', async () => {
		const res = await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'ON' });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ status: 'OK', unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'ON', messageId: null });
		const status = await fk.call<ControlStatus>('GET', `/Control?unitId=${UNIT_PLAIN}`);
		expect(stateOf(status.body, 'F1')).toBe('ON');
		expect(stateOf(status.body, 'F2')).toBe('OFF');
		expect(status.body.rawStatus).toContain('F:10');
		await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'OFF' });
		expect(stateOf((await fk.call<ControlStatus>('GET', `/Control?unitId=${UNIT_PLAIN}`)).body, 'F1')).toBe('OFF');
	});

	test('the status object has every documented field and both timestamp forms', async () => {
		const before = fk.clock.now();
		await fk.call('POST', '/Control', { unitId: UNIT_WEXP, outputNumber: 'X1', outputAction: 'ON' });
		const { body } = await fk.call<ControlStatus>('GET', `/Control?unitId=${UNIT_WEXP}`);
		expect(Object.keys(body).sort()).toEqual(
			[
				'unitId', 'serialNumber', 'statusTimestamp', 'statusTimestampIso', 'rawStatus', 'inputs', 'fOutputs', 'xOutputs',
				'xInputsStatusTimestamp', 'xInputsStatusTimestampIso', 'rawXInputsStatus', 'xInputs', 'isCached',
			].sort(),
		);
		expect(body.unitId).toBe(UNIT_WEXP);
		expect(body.statusTimestampIso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		expect(Date.parse(body.statusTimestampIso)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
		expect(body.statusTimestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		// Swedish local time is UTC+1 or UTC+2
		const offsetMinutes = (Date.parse(body.statusTimestamp.replace(' ', 'T') + 'Z') - Date.parse(body.statusTimestampIso)) / 60_000;
		expect([60, 120]).toContain(offsetMinutes);
		expect(stateOf(body, 'X1')).toBe('ON');
		expect(body.xOutputs).toHaveLength(8);
		expect(body.xInputs).toHaveLength(8);
		expect(body.xInputsStatusTimestampIso).toMatch(/Z$/);
		expect(body.rawXInputsStatus).toMatch(/^XSTAT IX:[01]{8}$/);
	});

	test('a unit without expansion inputs still has xInputs, with empty/null X fields', async () => {
		const { body } = await fk.call<ControlStatus>('GET', `/Control?unitId=${UNIT_PLAIN}`);
		expect(body.xInputs).toEqual([]);
		expect(body.xOutputs).toEqual([]);
		expect(body.xInputsStatusTimestamp).toBeNull();
		expect(body.xInputsStatusTimestampIso).toBeNull();
		expect(body.rawXInputsStatus).toBeNull();
	});

	test('a pulse by serial number turns the output ON, then OFF after the seconds', async () => {
		const res = await fk.call('POST', '/Control', { serialNumber: X33_SERIAL, outputNumber: 'X33', outputAction: '1' });
		expect(res.body).toEqual({ status: 'OK', unitId: UNIT_X33, outputNumber: 'X33', outputAction: '1', messageId: null });
		const during = await fk.call<ControlStatus>('GET', `/Control?serialNumber=${X33_SERIAL}`);
		expect(during.body.serialNumber).toBe(X33_SERIAL);
		expect(stateOf(during.body, 'X33')).toBe('ON');
		fk.clock.advance(1200);
		expect(stateOf((await fk.call<ControlStatus>('GET', `/Control?serialNumber=${X33_SERIAL}`)).body, 'X33')).toBe('OFF');
	});

	test('a later command cancels a running pulse', async () => {
		await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F2', outputAction: '1' });
		await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F2', outputAction: 'ON' });
		fk.clock.advance(1200);
		expect(stateOf(fk.sim.flexykey.ioState(UNIT_PLAIN), 'F2')).toBe('ON');
	});

	test.each([
		[{ unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 60 }, /outputAction/],
		[{ unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'on' }, /outputAction/],
		[{ unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: '0' }, /outputAction/],
		[{ unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: '100000' }, /outputAction/],
		[{ unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: '5s' }, /outputAction/],
		[{ unitId: UNIT_PLAIN, outputNumber: 'F1' }, /outputAction is required/],
		[{ unitId: UNIT_PLAIN, outputNumber: 'F3', outputAction: 'ON' }, /outputNumber/],
		[{ unitId: UNIT_PLAIN, outputNumber: 'X65', outputAction: 'ON' }, /outputNumber/],
		[{ unitId: UNIT_PLAIN, outputNumber: 'X1', outputAction: 'ON' }, /outputNumber X1 does not exist/],
		[{ unitId: UNIT_WEXP, outputNumber: 'X9', outputAction: 'ON' }, /outputNumber X9 does not exist/],
		[{ unitId: UNIT_EVVA, outputNumber: 'F1', outputAction: 'ON' }, /outputNumber F1 does not exist/],
		[{ outputNumber: 'F1', outputAction: 'ON' }, /unitId or serialNumber is required/],
		[{ unitId: UNIT_X33, serialNumber: X33_SERIAL, outputNumber: 'F1', outputAction: 'ON' }, /either/],
		[{ unitId: '3023', outputNumber: 'F1', outputAction: 'ON' }, /unitId/],
		[{ serialNumber: 40530585131396, outputNumber: 'F1', outputAction: 'ON' }, /serialNumber/],
	])('rule violation %j → 400 naming the field', async (body, message) => {
		const res = await fk.call('POST', '/Control', body);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ status: 400, message: expect.stringMatching(message) });
	});

	test('unknown unitId or serialNumber is 404; GET /Control needs one of them; Evva has no status', async () => {
		expect((await fk.call('POST', '/Control', { unitId: 9999, outputNumber: 'F1', outputAction: 'ON' })).status).toBe(404);
		expect((await fk.call('POST', '/Control', { serialNumber: '000', outputNumber: 'F1', outputAction: 'ON' })).status).toBe(404);
		expect((await fk.call('GET', '/Control')).body).toEqual({ status: 400, message: expect.stringMatching(/unitId or serialNumber/) });
		expect((await fk.call('GET', '/Control?serialNumber=abc')).status).toBe(400);
		expect((await fk.call('GET', `/Control?unitId=${UNIT_EVVA}`)).body).toEqual({ status: 400, message: expect.stringMatching(/Evva/) });
	});

	test('an offline unit accepts the command but does not act on it', async () => {
		fk.sim.flexykey.setUnitOnline(UNIT_PLAIN, false);
		const res = await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'ON' });
		expect(res.status).toBe(200);
		expect(stateOf(fk.sim.flexykey.ioState(UNIT_PLAIN), 'F1')).toBe('OFF');
	});
});

describe('GET /Logs', () => {
	test('newest first, seeded history plus entries from Control commands', async () => {
		await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F2', outputAction: 'ON' });
		const { status, body } = await fk.call<LogView[]>('GET', `/Logs?unitId=${UNIT_PLAIN}`);
		expect(status).toBe(200);
		expect(body.length).toBeGreaterThan(10);
		const times = body.map((row) => Date.parse(row.timestampIso));
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(body.slice(0, 2).map((row) => row.outputNumber)).toEqual(['F2', 'F2']);
		expect(body.some((row) => /F2 set ON via API/.test(row.message))).toBe(true);
		expect(body[0].timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	});

	test('from/to limit the interval; an inverted or malformed interval is 400', async () => {
		const to = new Date(Date.now() - 2 * 86_400_000).toISOString();
		const from = new Date(Date.now() - 5 * 86_400_000).toISOString();
		const { body } = await fk.call<LogView[]>('GET', `/Logs?unitId=${UNIT_PLAIN}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
		expect(body.length).toBeGreaterThan(0);
		for (const row of body) {
			expect(Date.parse(row.timestampIso)).toBeGreaterThanOrEqual(Date.parse(from) - 1000);
			expect(Date.parse(row.timestampIso)).toBeLessThanOrEqual(Date.parse(to));
		}
		expect((await fk.call('GET', `/Logs?unitId=${UNIT_PLAIN}&from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`)).status).toBe(400);
		expect((await fk.call('GET', `/Logs?unitId=${UNIT_PLAIN}&from=yesterday`)).body).toEqual({ status: 400, message: expect.stringMatching(/^from/) });
		expect((await fk.call('GET', '/Logs')).body).toEqual({ status: 400, message: 'unitId is required' });
	});

	test('at most 500 rows', async () => {
		for (let i = 0; i < 250; i++) {
			await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: i % 2 === 0 ? 'ON' : 'OFF' });
		}
		expect((await fk.call<Obj[]>('GET', `/Logs?unitId=${UNIT_PLAIN}`)).body).toHaveLength(500);
	});

	test('an offline unit buffers the rows it writes; back online (PATCH /_sim/flexykey/units/{id}) it uploads them with their original times and new ids', async () => {
		const admin = (body: unknown) =>
			fetch(`${fk.sim.baseUrl}/_sim/flexykey/units/${UNIT_PLAIN}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		const visible = async () => (await fk.call<LogView[]>('GET', `/Logs?unitId=${UNIT_PLAIN}`)).body;
		const before = await visible();
		expect(await (await admin({ online: false })).json()).toEqual({ unitId: UNIT_PLAIN, online: false, bufferedLogRows: 0 });

		const at = Math.floor(Date.now() / 1000) * 1000 - 600_000;
		fk.sim.flexykey.addLogs(UNIT_PLAIN, 3, at, at + 2_000);
		fk.sim.flexykey.setInput(UNIT_PLAIN, 'I1', stateOf(fk.sim.flexykey.ioState(UNIT_PLAIN), 'I1') === 'ON' ? 'OFF' : 'ON');
		expect(fk.sim.flexykey.bufferedLogs(UNIT_PLAIN)).toHaveLength(4);
		expect(await visible()).toEqual(before);

		expect(await (await admin({ online: true })).json()).toEqual({ unitId: UNIT_PLAIN, online: true, bufferedLogRows: 0 });
		const after = await visible();
		const uploaded = after.filter((row) => !before.some((old) => old.logId === row.logId));
		expect(uploaded.map((row) => row.timestampIso).sort()).toEqual(
			[at, at + 1_000, at + 2_000].map((ms) => new Date(ms).toISOString().replace('.000Z', 'Z')).concat(uploaded.find((row) => /Input I1/.test(row.message))!.timestampIso).sort(),
		);
		// New ids: above every id seen before, though the times are older than rows already there.
		expect(Math.min(...uploaded.map((row) => row.logId))).toBeGreaterThan(Math.max(...before.map((row) => row.logId)));
		expect(fk.sim.flexykey.bufferedLogs(UNIT_PLAIN)).toEqual([]);

		// Over HTTP too: rows written while offline stay buffered.
		await admin({ online: false });
		const written = await fetch(`${fk.sim.baseUrl}/_sim/flexykey/units/${UNIT_PLAIN}/logs`, {
			method: 'POST',
			body: JSON.stringify({ count: 2, from: new Date(at).toISOString(), to: new Date(at + 1_000).toISOString(), message: 'Door forced open', idNumber: null }),
		});
		expect(await written.json()).toEqual({ unitId: UNIT_PLAIN, written: 2, bufferedLogRows: 2 });
		expect(fk.sim.flexykey.bufferedLogs(UNIT_PLAIN).map((row) => [row.message, row.idNumber])).toEqual([
			['Door forced open', null],
			['Door forced open', null],
		]);
		expect((await fetch(`${fk.sim.baseUrl}/_sim/flexykey/units/${UNIT_PLAIN}/logs`, { method: 'POST', body: '{"count": 0}' })).status).toBe(400);

		expect((await admin({ online: 'no' })).status).toBe(400);
		expect((await fetch(`${fk.sim.baseUrl}/_sim/flexykey/units/9999`, { method: 'PATCH', body: '{"online":true}' })).status).toBe(404);
	});

	test('an Evva unit answers 400: logs are unavailable', async () => {
		const res = await fk.call('GET', `/Logs?unitId=${UNIT_EVVA}`);
		expect(res.body).toEqual({ status: 400, message: expect.stringMatching(/not available for Evva/) });
	});
});

describe('state, reset and dispose', () => {
	test('state() is JSON-safe and reset() restores the seed', async () => {
		await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'ON' });
		const snapshot = fk.sim.flexykey.state() as { io: Record<string, { outputs: Obj }>; counters: Obj };
		expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
		expect(snapshot.io[String(UNIT_PLAIN)].outputs.F1).toBe('ON');
		expect(snapshot.counters).toMatchObject({ requests: 1, rateLimited: 0 });
		fk.sim.flexykey.reset();
		expect(stateOf(fk.sim.flexykey.ioState(UNIT_PLAIN), 'F1')).toBe('OFF');
		expect(fk.sim.flexykey.requestLog).toHaveLength(0);
	});
});
