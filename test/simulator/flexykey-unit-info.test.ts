/** FlexyKey simulator contract: RequestUnitInfoTypes, RequestUnitInfo (async, cache, rate limit) and UnitMessages. */
import { FAST, UNIT_EVVA, UNIT_PLAIN, UNIT_WEXP, useFlexyKey, X33_SERIAL } from './flexykey-helpers';

const fk = useFlexyKey({ ...FAST, flexykey: { ...FAST.flexykey, unitInfoCacheMs: 300 } }, { manualClock: true });

interface Catalog {
	types: Array<{ typeName: string; description: string; enabled: boolean; visible: boolean }>;
	profiles: Array<{ profile: string; typeNames: string[] }>;
}
interface InfoResponse {
	status: string;
	unitId: number;
	results: Array<{ typeName: string; status: string; messageId: number | null }>;
}
interface MessageRow {
	messageId: number;
	unitId: number;
	typeName: string;
	message: string;
	timestamp: string;
	timestampIso: string;
}

const DOCUMENTED_TYPES = [
	'CHECKASTAT', 'CHECKSTATUS', 'CHECKCOUNTERS', 'CHECKTEMP', 'CHECKSYS', 'CHECKTIME', 'CHECKEXP',
	'CHECKCALSTAT', 'CHECKSALOFFICEMODE', 'CHECKOUTPUTCAL', 'CHECKINPUTCAL', 'CHECKESPNOWMAC', 'CHECKWEXP',
];

const messages = (query: string) => fk.call<MessageRow[]>('GET', `/UnitMessages?${query}`);

describe('GET /RequestUnitInfoTypes', () => {
	test('lists exactly the documented visible, enabled types and the two profiles', async () => {
		const { status, body } = await fk.call<Catalog>('GET', '/RequestUnitInfoTypes');
		expect(status).toBe(200);
		expect(body.types.map((type) => type.typeName)).toEqual(DOCUMENTED_TYPES);
		for (const type of body.types) expect(type).toMatchObject({ enabled: true, visible: true, description: expect.any(String) });
		expect(body.profiles).toEqual([
			expect.objectContaining({ profile: 'controlStatusFull', typeNames: ['CHECKASTAT', 'CHECKCOUNTERS', 'CHECKTEMP', 'CHECKSYS'] }),
			expect.objectContaining({ profile: 'controlStatusMedium', typeNames: ['CHECKASTAT', 'CHECKCOUNTERS', 'CHECKTEMP'] }),
		]);
	});
});

describe('POST /RequestUnitInfo', () => {
	test('queues one command; the answer appears in UnitMessages only after unitInfoDelayMs', async () => {
		const res = await fk.call<InfoResponse>('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKTIME' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'OK', unitId: UNIT_PLAIN, results: [{ typeName: 'CHECKTIME', status: 'queued' }] });
		expect((await messages(`unitId=${UNIT_PLAIN}&typeName=CHECKTIME`)).body).toEqual([]);
		fk.clock.advance(120);
		const rows = (await messages(`unitId=${UNIT_PLAIN}&typeName=CHECKTIME`)).body;
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ unitId: UNIT_PLAIN, typeName: 'CHECKTIME', message: expect.stringMatching(/^TIME /) });
		expect(rows[0].timestampIso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		expect(rows[0].timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	});

	test('a profile queues each of its commands; a repeat within unitInfoCacheMs is cached, later queued again', async () => {
		const first = await fk.call<InfoResponse>('POST', '/RequestUnitInfo', { serialNumber: X33_SERIAL, profile: 'controlStatusMedium' });
		expect(first.body.results.map((result) => [result.typeName, result.status])).toEqual([
			['CHECKASTAT', 'queued'],
			['CHECKCOUNTERS', 'queued'],
			['CHECKTEMP', 'queued'],
		]);
		fk.clock.advance(100);
		const again = await fk.call<InfoResponse>('POST', '/RequestUnitInfo', { serialNumber: X33_SERIAL, profile: 'controlStatusFull' });
		expect(again.body.results.map((result) => result.status)).toEqual(['cached', 'cached', 'cached', 'queued']);
		expect(again.body.results[0].messageId).toEqual(expect.any(Number));
		fk.clock.advance(350);
		const later = await fk.call<InfoResponse>('POST', '/RequestUnitInfo', { serialNumber: X33_SERIAL, typeName: 'CHECKASTAT' });
		expect(later.body.results[0].status).toBe('queued');
	});

	test('too many commands to one unit within a minute are rateLimited, not queued', async () => {
		const catalog = (await fk.call<Catalog>('GET', '/RequestUnitInfoTypes')).body.types.map((type) => type.typeName);
		const statuses: string[] = [];
		for (const typeName of [...catalog, ...catalog]) {
			// the second round is cached (within unitInfoCacheMs), so wait it out and request again
			if (statuses.length === catalog.length) fk.clock.advance(350);
			const res = await fk.call<InfoResponse>('POST', '/RequestUnitInfo', { unitId: UNIT_WEXP, typeName });
			statuses.push(res.body.results[0].status);
		}
		expect(statuses.filter((status) => status === 'queued')).toHaveLength(20);
		expect(statuses.slice(20)).toEqual(Array(6).fill('rateLimited'));
	});

	test('CHECKEXP may answer with several messages: one per expansion module', async () => {
		await fk.call('POST', '/RequestUnitInfo', { unitId: UNIT_WEXP, typeName: 'CHECKEXP' });
		fk.clock.advance(120);
		const rows = (await messages(`unitId=${UNIT_WEXP}&typeName=CHECKEXP`)).body;
		expect(rows.map((row) => row.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^EXP 1 WEXP/), expect.stringMatching(/^EXP 2 /)]));
		expect(rows).toHaveLength(2);
	});

	test('CHECKASTAT answers with the current raw status', async () => {
		await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F2', outputAction: 'ON' });
		await fk.call('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKASTAT' });
		fk.clock.advance(120);
		const [row] = (await messages(`unitId=${UNIT_PLAIN}&typeName=CHECKASTAT`)).body;
		expect(row.message).toBe(fk.sim.flexykey.ioState(UNIT_PLAIN).rawStatus);
		expect(row.message).toContain('F:01');
	});

	test('an offline unit never answers', async () => {
		fk.sim.flexykey.setUnitOnline(UNIT_PLAIN, false);
		expect((await fk.call<InfoResponse>('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKTIME' })).body.results[0].status).toBe('queued');
		fk.clock.advance(120);
		expect((await messages(`unitId=${UNIT_PLAIN}&typeName=CHECKTIME`)).body).toEqual([]);
	});

	test.each([
		[{ unitId: UNIT_PLAIN, typeName: 'CHECKNOPE' }, /typeName CHECKNOPE is not an approved/],
		[{ unitId: UNIT_PLAIN, typeName: 'CHECKDEBUG' }, /typeName CHECKDEBUG is not an approved/],
		[{ unitId: UNIT_PLAIN, profile: 'everything' }, /profile everything/],
		[{ unitId: UNIT_PLAIN }, /typeName or profile is required/],
		[{ unitId: UNIT_PLAIN, typeName: 'CHECKTEMP', profile: 'controlStatusFull' }, /typeName and profile cannot both be set/],
		[{ typeName: 'CHECKTEMP' }, /unitId or serialNumber is required/],
		[{ unitId: UNIT_PLAIN, serialNumber: X33_SERIAL, typeName: 'CHECKTEMP' }, /unitId and serialNumber cannot both be set/],
		[{ unitId: UNIT_EVVA, typeName: 'CHECKTEMP' }, /Evva/],
	])('%j → 400', async (body, message) => {
		const res = await fk.call('POST', '/RequestUnitInfo', body);
		expect(res.body).toEqual({ status: 400, message: expect.stringMatching(message) });
	});

	test('unknown unit 404, other company 403', async () => {
		expect((await fk.call('POST', '/RequestUnitInfo', { unitId: 9999, typeName: 'CHECKTEMP' })).status).toBe(404);
		expect((await fk.call('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKTEMP' }, { user: 'other' })).status).toBe(403);
	});
});

describe('GET /UnitMessages', () => {
	test('newest first, only catalog types (the seeded internal CHECKDEBUG row is hidden)', async () => {
		const { status, body } = await messages(`unitId=${UNIT_PLAIN}`);
		expect(status).toBe(200);
		expect(body.map((row) => row.typeName)).toEqual(['CHECKTEMP', 'CHECKSYS']);
		expect(Date.parse(body[0].timestampIso)).toBeGreaterThan(Date.parse(body[1].timestampIso));
		expect(fk.sim.flexykey.state()).toMatchObject({ messages: expect.arrayContaining([expect.objectContaining({ typeName: 'CHECKDEBUG' })]) });
	});

	test('typeName filters; default limit is 20; a limit above 100 is accepted (clamped), not rejected', async () => {
		const catalog = (await fk.call<Catalog>('GET', '/RequestUnitInfoTypes')).body.types.map((type) => type.typeName);
		for (const typeName of catalog) await fk.call('POST', '/RequestUnitInfo', { serialNumber: X33_SERIAL, typeName });
		fk.clock.advance(150);
		// 13 commands; CHECKEXP and CHECKWEXP answer once per module (5 each): 21 rows
		const all = (await messages('unitId=3026&limit=500')).body;
		expect(all).toHaveLength(21);
		expect((await messages('unitId=3026')).body).toHaveLength(20);
		expect((await messages('unitId=3026&limit=3')).body).toHaveLength(3);
		const wexpRows = (await messages('unitId=3026&typeName=CHECKWEXP')).body;
		expect(wexpRows).toHaveLength(5);
		expect(wexpRows.every((row) => row.typeName === 'CHECKWEXP')).toBe(true);
		const ids = all.map((row) => row.messageId);
		expect(ids).toEqual([...ids].sort((a, b) => b - a));
	});

	test('query errors', async () => {
		expect((await messages('')).body).toEqual({ status: 400, message: 'unitId is required' });
		expect((await messages(`unitId=${UNIT_PLAIN}&typeName=CHECKDEBUG`)).status).toBe(400);
		expect((await messages(`unitId=${UNIT_PLAIN}&limit=0`)).body).toEqual({ status: 400, message: expect.stringMatching(/^limit/) });
		expect((await messages(`unitId=${UNIT_PLAIN}&limit=abc`)).status).toBe(400);
		expect((await messages('unitId=9999')).status).toBe(404);
	});
});
