/** FlexyKey simulator contract: ID entries (field rules, 409, change marking), unit settings and the Tools endpoints. */
import type { IdEntry } from '../../simulator/flexykey';
import { UNIT_PLAIN, UNIT_WEXP, useFlexyKey, type Obj } from './flexykey-helpers';

const fk = useFlexyKey();

type Entry = Omit<IdEntry, 'revision'>;
interface Page {
	unitId: number;
	total: number;
	limit: number;
	offset: number;
	items: Entry[];
}
interface SettingRow {
	unitId: number;
	setting: string;
	params: string | null;
	value: string;
	unitSyncState: string;
}

const list = (query: string) => fk.call<Page>('GET', `/UnitIdEntries?${query}`);
const create = (body: Obj) => fk.call<Entry>('POST', '/UnitIdEntries', body);
const entry = (id: number) => fk.sim.flexykey.entries(UNIT_PLAIN).find((row) => row.id === id);

describe('GET /UnitIdEntries', () => {
	test('returns the page envelope with the seeded entries', async () => {
		const { status, body } = await list(`unitId=${UNIT_PLAIN}`);
		expect(status).toBe(200);
		expect(body).toMatchObject({ unitId: UNIT_PLAIN, total: 3, limit: 50, offset: 0 });
		expect(body.items.map((item) => item.id)).toEqual([1001, 1002, 1003]);
		expect(Object.keys(body.items[0]).sort()).toEqual(
			['id', 'unitId', 'idNumber', 'name', 'description', 'action', 'codeTag', 'codeTagCalendar', 'validFromIso', 'validToIso', 'unitSyncState', 'createdIso', 'updatedIso'].sort(),
		);
		expect(body.items[1]).toMatchObject({ idNumber: '+46709876543', action: 'G13', codeTag: '4711', codeTagCalendar: 2, unitSyncState: 'synced' });
	});

	test.each([
		['svensson', [1001]],
		['4567', [1001]],
		['Apartment', [1001, 1002]],
		['g13', [1002]],
		['R2', [1003]],
		['nothing-like-this', []],
	])('search %s matches idNumber, name, description and action (partial, any case)', async (search, ids) => {
		const { body } = await list(`unitId=${UNIT_PLAIN}&search=${encodeURIComponent(search)}`);
		expect(body.items.map((item) => item.id)).toEqual(ids);
		expect(body.total).toBe(ids.length);
	});

	test('limit and offset page through the list', async () => {
		const first = (await list(`unitId=${UNIT_PLAIN}&limit=2&offset=0`)).body;
		const second = (await list(`unitId=${UNIT_PLAIN}&limit=2&offset=2`)).body;
		expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 });
		expect(first.items.map((item) => item.id)).toEqual([1001, 1002]);
		expect(second.items.map((item) => item.id)).toEqual([1003]);
	});

	test('query errors and access', async () => {
		expect((await list('')).body).toEqual({ status: 400, message: 'unitId is required' });
		expect((await list(`unitId=${UNIT_PLAIN}&limit=0`)).status).toBe(400);
		expect((await list(`unitId=${UNIT_PLAIN}&offset=-1`)).status).toBe(400);
		expect((await list('unitId=9999')).status).toBe(404);
		expect((await fk.call('GET', `/UnitIdEntries?unitId=${UNIT_PLAIN}`, undefined, { user: 'other' })).status).toBe(403);
	});
});

describe('POST /UnitIdEntries', () => {
	test('creates an entry marked changed, with a server id', async () => {
		const res = await create({
			unitId: UNIT_PLAIN,
			idNumber: '+46705550101',
			name: 'Visitor',
			description: 'Weekend access',
			action: 'G7',
			codeTag: '123456',
			codeTagCalendar: 3,
			validFromIso: '2026-04-22T14:00:00+02:00',
			validToIso: '2026-04-23T12:00:00Z',
		});
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ unitId: UNIT_PLAIN, idNumber: '+46705550101', action: 'G7', codeTag: '123456', codeTagCalendar: 3, unitSyncState: 'changed' });
		expect(res.body.validFromIso).toBe('2026-04-22T14:00:00+02:00');
		expect(res.body.id).toEqual(expect.any(Number));
		expect((await list(`unitId=${UNIT_PLAIN}`)).body.total).toBe(4);
	});

	test('accepts the bounds: 20-char idNumber, 25-char name and description, 4- and 7-digit PINs', async () => {
		expect((await create({ unitId: UNIT_PLAIN, idNumber: '1'.repeat(20), name: 'n'.repeat(25), description: 'd'.repeat(25), action: 'R1', codeTag: '0000' })).status).toBe(201);
		expect((await create({ unitId: UNIT_PLAIN, idNumber: '2'.repeat(20), action: 'R2', codeTag: '1234567', codeTagCalendar: 1 })).status).toBe(201);
	});

	test('a duplicate idNumber on the same unit is 409; on another unit it is fine', async () => {
		const dup = await create({ unitId: UNIT_PLAIN, idNumber: '+46701234567', action: 'R1' });
		expect(dup.status).toBe(409);
		expect(dup.body).toEqual({ status: 409, message: expect.stringContaining('+46701234567') });
		expect((await create({ unitId: UNIT_WEXP, idNumber: '+46701234567', action: 'R1' })).status).toBe(201);
	});

	test.each([
		[{ idNumber: '+4670', action: 'R1' }, /^unitId is required/],
		[{ unitId: UNIT_PLAIN, action: 'R1' }, /^idNumber is required/],
		[{ unitId: UNIT_PLAIN, idNumber: '', action: 'R1' }, /^idNumber/],
		[{ unitId: UNIT_PLAIN, idNumber: '1'.repeat(21), action: 'R1' }, /^idNumber must be at most 20/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', name: 'n'.repeat(26), action: 'R1' }, /^name must be at most 25/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', description: 'd'.repeat(26), action: 'R1' }, /^description must be at most 25/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1' }, /^action is required/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R3' }, /^action/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'G' }, /^action/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'open' }, /^action/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', codeTag: '123' }, /^codeTag must be 4-7 digits/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', codeTag: '12345678' }, /^codeTag/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', codeTag: '12a4' }, /^codeTag/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', codeTag: 1234 }, /^codeTag/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', codeTagCalendar: 2 }, /^codeTagCalendar may only be set when codeTag/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', codeTag: '1234', codeTagCalendar: 'weekdays' }, /^codeTagCalendar/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', validFromIso: '2026-04-22 14:00' }, /^validFromIso/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', validToIso: '2026-04-22T14:00:00' }, /^validToIso/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', validFromIso: '2026-02-30T14:00:00Z' }, /^validFromIso/],
		[{ unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1', validFromIso: '2026-04-22T14:00:00Z', validToIso: '2026-04-22T15:00:00+02:00' }, /^validToIso must be after validFromIso/],
	])('%j → 400 naming the field', async (body, message) => {
		const res = await create(body);
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ status: 400, message: expect.stringMatching(message) });
	});

	test('unknown unit 404; other company 403 and nothing stored', async () => {
		expect((await create({ unitId: 9999, idNumber: 'x1', action: 'R1' })).status).toBe(404);
		expect((await fk.call('POST', '/UnitIdEntries', { unitId: UNIT_PLAIN, idNumber: 'x1', action: 'R1' }, { user: 'other' })).status).toBe(403);
		expect(fk.sim.flexykey.entries(UNIT_PLAIN)).toHaveLength(3);
	});
});

describe('PUT /UnitIdEntries/{id}', () => {
	test('name and description changes keep the sync state; unit-facing fields mark it changed', async () => {
		const renamed = await fk.call<Entry>('PUT', '/UnitIdEntries/1001', { unitId: UNIT_PLAIN, name: 'Anna S', description: 'Moved to 1201' });
		expect(renamed.status).toBe(200);
		expect(renamed.body).toMatchObject({ id: 1001, name: 'Anna S', description: 'Moved to 1201', idNumber: '+46701234567', action: 'R1', unitSyncState: 'synced' });
		for (const [id, change] of [
			[1001, { action: 'R2' }],
			[1002, { codeTag: '98765' }],
			[1003, { validToIso: '2027-01-01T00:00:00Z' }],
		] as const) {
			const res = await fk.call<Entry>('PUT', `/UnitIdEntries/${id}`, { unitId: UNIT_PLAIN, ...change });
			expect(res.body).toMatchObject({ ...change, unitSyncState: 'changed' });
		}
	});

	test.each([['idNumber', '+46700000000'], ['codeTagCalendar', 5], ['validFromIso', '2026-02-01T00:00:00+01:00']])(
		'changing %s marks the entry changed',
		async (field, value) => {
			const res = await fk.call<Entry>('PUT', '/UnitIdEntries/1002', { unitId: UNIT_PLAIN, [field]: value });
			expect(res.status).toBe(200);
			expect(res.body.unitSyncState).toBe('changed');
		},
	);

	test('writing the same values does not mark the entry changed', async () => {
		const res = await fk.call<Entry>('PUT', '/UnitIdEntries/1002', { unitId: UNIT_PLAIN, idNumber: '+46709876543', action: 'G13', codeTag: '4711' });
		expect(res.body.unitSyncState).toBe('synced');
	});

	test('errors: unitId mismatch 400, unknown id 404, duplicate idNumber 409, rules on the merged entry, other company 403', async () => {
		expect((await fk.call('PUT', '/UnitIdEntries/1001', { unitId: UNIT_WEXP, name: 'x' })).body).toEqual({ status: 400, message: expect.stringMatching(/^unitId/) });
		expect((await fk.call('PUT', '/UnitIdEntries/1001', { name: 'x' })).body).toEqual({ status: 400, message: 'unitId is required' });
		expect((await fk.call('PUT', '/UnitIdEntries/424242', { unitId: UNIT_PLAIN, name: 'x' })).status).toBe(404);
		expect((await fk.call('PUT', '/UnitIdEntries/1001', { unitId: UNIT_PLAIN, idNumber: '+46709876543' })).status).toBe(409);
		// 1002 has a calendar: clearing its PIN would leave codeTagCalendar without a valid PIN
		expect((await fk.call('PUT', '/UnitIdEntries/1002', { unitId: UNIT_PLAIN, codeTag: null })).body).toEqual({ status: 400, message: expect.stringMatching(/^codeTagCalendar/) });
		expect((await fk.call('PUT', '/UnitIdEntries/1001', { unitId: UNIT_PLAIN, name: 'n'.repeat(26) })).status).toBe(400);
		expect((await fk.call('PUT', '/UnitIdEntries/1001', { unitId: UNIT_PLAIN, name: 'x' }, { user: 'other' })).status).toBe(403);
		expect(entry(1001)).toMatchObject({ name: 'Anna Svensson', idNumber: '+46701234567', unitSyncState: 'synced' });
	});
});

describe('DELETE /UnitIdEntries/{id}', () => {
	test('marks the row deleted; it stays listed and its idNumber is free again', async () => {
		const res = await fk.call<Entry>('DELETE', `/UnitIdEntries/1001?unitId=${UNIT_PLAIN}`);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: 1001, unitSyncState: 'deleted' });
		expect((await list(`unitId=${UNIT_PLAIN}`)).body.items.find((item) => item.id === 1001)?.unitSyncState).toBe('deleted');
		expect((await fk.call('PUT', '/UnitIdEntries/1001', { unitId: UNIT_PLAIN, name: 'x' })).status).toBe(409);
		expect((await create({ unitId: UNIT_PLAIN, idNumber: '+46701234567', action: 'R1' })).status).toBe(201);
	});

	test('needs unitId (matching the row); unknown id 404; other company 403', async () => {
		expect((await fk.call('DELETE', '/UnitIdEntries/1001')).body).toEqual({ status: 400, message: 'unitId is required' });
		expect((await fk.call('DELETE', `/UnitIdEntries/1001?unitId=${UNIT_WEXP}`)).status).toBe(400);
		expect((await fk.call('DELETE', `/UnitIdEntries/424242?unitId=${UNIT_PLAIN}`)).status).toBe(404);
		expect((await fk.call('DELETE', `/UnitIdEntries/1001?unitId=${UNIT_PLAIN}`, undefined, { user: 'other' })).status).toBe(403);
		expect(entry(1001)?.unitSyncState).toBe('synced');
	});
});

describe('unit settings', () => {
	test('GET /UnitSettings/Definitions lists the four approved settings with input rules', async () => {
		const { status, body } = await fk.call<Array<Obj & { setting: string; params: Obj | null }>>('GET', '/UnitSettings/Definitions');
		expect(status).toBe(200);
		expect(body.map((definition) => definition.setting)).toEqual(['DefaultRelayPulse', 'WifiMode', 'WifiName', 'WifiPassword']);
		expect(body[0]).toMatchObject({ type: 'integer', min: 1, max: 99999, params: { allowedValues: ['R1', 'R2'], required: true } });
		expect(body[1]).toMatchObject({ type: 'string', allowedValues: expect.any(Array), params: null });
		expect(body[2]).toMatchObject({ type: 'string', maxLength: 32 });
		expect(body[3]).toMatchObject({ type: 'string', minLength: 8, maxLength: 63 });
	});

	test('GET /UnitSettings returns the unit rows; other company 403', async () => {
		const { body } = await fk.call<SettingRow[]>('GET', `/UnitSettings?unitId=${UNIT_PLAIN}`);
		expect(body).toEqual([
			expect.objectContaining({ unitId: UNIT_PLAIN, setting: 'DefaultRelayPulse', params: 'R1', value: '5', unitSyncState: 'synced' }),
			expect.objectContaining({ setting: 'WifiMode', params: null, value: 'CLIENT' }),
			expect.objectContaining({ setting: 'WifiName', value: 'DemoOffice' }),
		]);
		expect((await fk.call('GET', `/UnitSettings?unitId=${UNIT_PLAIN}`, undefined, { user: 'other' })).status).toBe(403);
		expect((await fk.call('GET', '/UnitSettings')).status).toBe(400);
	});

	test('PUT creates (201) or updates (200) one setting and marks it changed', async () => {
		const created = await fk.call<SettingRow>('PUT', '/UnitSettings', { unitId: UNIT_PLAIN, setting: 'DefaultRelayPulse', params: 'R2', value: 10 });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ setting: 'DefaultRelayPulse', params: 'R2', value: '10', unitSyncState: 'changed' });
		const updated = await fk.call<SettingRow>('PUT', '/UnitSettings', { unitId: UNIT_PLAIN, setting: 'WifiMode', value: 'AP' });
		expect(updated.status).toBe(200);
		expect(updated.body).toMatchObject({ value: 'AP', unitSyncState: 'changed' });
		expect(fk.sim.flexykey.settings(UNIT_PLAIN).filter((row) => row.unitSyncState === 'changed')).toHaveLength(2);
	});

	test('the WiFi password is write-only', async () => {
		const res = await fk.call<SettingRow>('PUT', '/UnitSettings', { unitId: UNIT_PLAIN, setting: 'WifiPassword', value: 'correct horse' });
		expect(res.status).toBe(201);
		expect(res.body.value).not.toContain('horse');
		const rows = (await fk.call<SettingRow[]>('GET', `/UnitSettings?unitId=${UNIT_PLAIN}`)).body;
		expect(JSON.stringify(rows)).not.toContain('horse');
	});

	test.each([
		[{ unitId: UNIT_PLAIN, setting: 'Volume', value: '3' }, /^setting Volume is not an approved setting/],
		[{ unitId: UNIT_PLAIN, setting: 'DefaultRelayPulse', value: 5 }, /^params is required/],
		[{ unitId: UNIT_PLAIN, setting: 'DefaultRelayPulse', params: 'R3', value: 5 }, /^params must be one of R1, R2/],
		[{ unitId: UNIT_PLAIN, setting: 'DefaultRelayPulse', params: 'R1', value: 0 }, /^value/],
		[{ unitId: UNIT_PLAIN, setting: 'DefaultRelayPulse', params: 'R1', value: 100000 }, /^value/],
		[{ unitId: UNIT_PLAIN, setting: 'DefaultRelayPulse', params: 'R1', value: '2.5' }, /^value/],
		[{ unitId: UNIT_PLAIN, setting: 'WifiMode', value: 'BRIDGE' }, /^value must be one of/],
		[{ unitId: UNIT_PLAIN, setting: 'WifiMode', params: 'R1', value: 'AP' }, /^params is not used/],
		[{ unitId: UNIT_PLAIN, setting: 'WifiName', value: 'n'.repeat(33) }, /^value must be at most 32/],
		[{ unitId: UNIT_PLAIN, setting: 'WifiName', value: 42 }, /^value must be a string/],
		[{ unitId: UNIT_PLAIN, setting: 'WifiPassword', value: 'short' }, /^value must be at least 8/],
		[{ unitId: UNIT_PLAIN, setting: 'WifiName' }, /^value is required/],
		[{ setting: 'WifiName', value: 'x' }, /^unitId is required/],
	])('%j → 400', async (body, message) => {
		const res = await fk.call('PUT', '/UnitSettings', body);
		expect(res.body).toEqual({ status: 400, message: expect.stringMatching(message) });
	});
});

describe('Tools', () => {
	test('IdEntriesSyncState changes all entries of the unit, or one by id', async () => {
		const all = await fk.call('POST', '/Tools/IdEntriesSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'changed' });
		expect(all.body).toEqual({ status: 'OK', unitId: UNIT_PLAIN, unitSyncState: 'changed', idEntries: 3 });
		expect(fk.sim.flexykey.entries(UNIT_PLAIN).every((row) => row.unitSyncState === 'changed')).toBe(true);
		const one = await fk.call('POST', '/Tools/IdEntriesSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'synced', id: 1002 });
		expect(one.body).toMatchObject({ idEntries: 1 });
		expect(fk.sim.flexykey.entries(UNIT_PLAIN).map((row) => row.unitSyncState)).toEqual(['changed', 'synced', 'changed']);
		expect(fk.sim.flexykey.entries(UNIT_WEXP)[0].unitSyncState).toBe('synced');
		// server-side only: nothing is sent to the unit
		expect(fk.sim.flexykey.syncs(UNIT_PLAIN)).toEqual([]);
	});

	test('UnitSettingsSyncState: one setting (with params), one setting, or all', async () => {
		await fk.call('PUT', '/UnitSettings', { unitId: UNIT_PLAIN, setting: 'DefaultRelayPulse', params: 'R2', value: 9 });
		const one = await fk.call('POST', '/Tools/UnitSettingsSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'synced', setting: 'DefaultRelayPulse', params: 'R2' });
		expect(one.body).toEqual({ status: 'OK', unitId: UNIT_PLAIN, unitSyncState: 'synced', settings: 1 });
		const bySetting = await fk.call('POST', '/Tools/UnitSettingsSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'changed', setting: 'DefaultRelayPulse' });
		expect(bySetting.body).toMatchObject({ settings: 2 });
		const all = await fk.call('POST', '/Tools/UnitSettingsSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'deleted' });
		expect(all.body).toMatchObject({ settings: 4 });
		expect(fk.sim.flexykey.settings(UNIT_PLAIN).every((row) => row.unitSyncState === 'deleted')).toBe(true);
	});

	test('AllUnitDataSyncState changes entries and settings', async () => {
		const res = await fk.call('POST', '/Tools/AllUnitDataSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'changed' });
		expect(res.body).toEqual({ status: 'OK', unitId: UNIT_PLAIN, unitSyncState: 'changed', idEntries: 3, settings: 3 });
		expect(fk.sim.flexykey.settings(UNIT_PLAIN).every((row) => row.unitSyncState === 'changed')).toBe(true);
	});

	test.each([
		['/Tools/IdEntriesSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'pending' }, 400, /^unitSyncState must be one of synced, changed, deleted/],
		['/Tools/IdEntriesSyncState', { unitId: UNIT_PLAIN }, 400, /^unitSyncState is required/],
		['/Tools/IdEntriesSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'synced', id: 1004 }, 404, /1004/],
		['/Tools/UnitSettingsSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'SYNCED' }, 400, /^unitSyncState/],
		['/Tools/UnitSettingsSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'synced', setting: 'Volume' }, 400, /^setting/],
		['/Tools/UnitSettingsSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'synced', params: 'R1' }, 400, /^params requires setting/],
		['/Tools/UnitSettingsSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'synced', setting: 'WifiPassword' }, 404, /WifiPassword/],
		['/Tools/AllUnitDataSyncState', { unitId: UNIT_PLAIN, unitSyncState: 'gone' }, 400, /^unitSyncState/],
		['/Tools/AllUnitDataSyncState', { unitSyncState: 'synced' }, 400, /^unitId is required/],
		['/Tools/AllUnitDataSyncState', { unitId: 9999, unitSyncState: 'synced' }, 404, /9999/],
	])('%s %j → %i', async (path, body, status, message) => {
		const res = await fk.call('POST', path, body);
		expect(res.body).toEqual({ status, message: expect.stringMatching(message) });
	});

	test('other company 403', async () => {
		for (const path of ['/Tools/IdEntriesSyncState', '/Tools/UnitSettingsSyncState', '/Tools/AllUnitDataSyncState']) {
			expect((await fk.call('POST', path, { unitId: UNIT_PLAIN, unitSyncState: 'changed' }, { user: 'other' })).status).toBe(403);
		}
		expect(fk.sim.flexykey.entries(UNIT_PLAIN).every((row) => row.unitSyncState === 'synced')).toBe(true);
	});
});
