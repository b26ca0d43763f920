/**
 * Simulator dialects (docs/simulator.md, "Dialects"): documented bodies are identical in every
 * dialect; each inferred one changes in `b` (renamed, re-nested) and `minimal` (optional fields gone)
 * while state and behaviour stay the same. The dialect is switched at run time, as `PATCH /_sim/config` does.
 */
import { createHmac } from 'node:crypto';
import { cekSafeFixtures } from '../../simulator/ceksafe';
import { DIALECTS, type Dialect } from '../../simulator/core/dialect';
import { cekSafeKeys, flexUnlockKeys } from '../../simulator/demo-credentials';
import { flexUnlockFixtures } from '../../simulator/flexunlock';
import { FAST, startReceiver, UNIT_PLAIN, X33_SERIAL, useFlexyKey, type Obj } from './flexykey-helpers';

const fk = useFlexyKey({ ...FAST, flexunlock: { orderStepMs: 0, rateLimit: { mode: 'off' } }, ceksafe: { rateLimit: { mode: 'off' } } }, { manualClock: true });

const use = (dialect: Dialect) => {
	fk.sim.config.dialect = dialect;
};
afterEach(() => use('a'));

async function bearer(url: string, key: string, method: string, path: string, body?: unknown) {
	const res = await fetch(`${url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Obj };
}
const flexUnlock = (method: string, path: string, body?: unknown) => bearer(fk.sim.urls.flexunlock, flexUnlockKeys.bigSeller.key, method, path, body);
const cekSafe = (method: string, path: string, body?: unknown) => bearer(fk.sim.urls.ceksafe, cekSafeKeys.growth.key, method, path, body);

/** The same read in each dialect, state reset in between (so ids and timestamps match where they should). */
async function inEachDialect(read: () => Promise<unknown>): Promise<Record<Dialect, unknown>> {
	const out: Partial<Record<Dialect, unknown>> = {};
	for (const dialect of DIALECTS) {
		fk.sim.reset();
		use(dialect);
		out[dialect] = await read();
	}
	return out as Record<Dialect, unknown>;
}

/** Strips wall-clock timestamps, which differ between two otherwise equal reads. */
const timeless = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, field: unknown) => (/(Timestamp|timestamp|_at$|Iso$)/.test(key) ? '<time>' : field)));

const IO_GROUPS = ['inputs', 'fOutputs', 'xOutputs', 'xInputs'] as const;

/** Every object carrying a `globalNumber`, wherever it sits: a unit's IO model (API-NOTES A), whatever holds it. */
function ioObjectsIn(value: unknown): unknown[] {
	if (Array.isArray(value)) return value.flatMap(ioObjectsIn);
	if (!value || typeof value !== 'object') return [];
	if ('globalNumber' in value) return [value];
	return Object.values(value).flatMap(ioObjectsIn);
}

/** The Control status with each IO list reduced to its length: the doc names the lists, never their items. */
const withoutIoItems = (status: Obj): Obj => ({ ...status, ...Object.fromEntries(IO_GROUPS.map((group) => [group, (status[group] as unknown[]).length])) });

describe('documented shapes are the same in every dialect', () => {
	test.each([
		['FlexyKey IO objects of GET /Units', () => fk.call('GET', '/Units').then((res) => ioObjectsIn(res.body))],
		['FlexyKey IO objects of GET /Units/{id}', () => fk.call('GET', `/Units/${UNIT_PLAIN}`).then((res) => ioObjectsIn(res.body))],
		['FlexyKey POST /Control', () => fk.call('POST', '/Control', { serialNumber: X33_SERIAL, outputNumber: 'X33', outputAction: '60' }).then((res) => res.body)],
		['FlexyKey GET /Control, top-level fields', () => fk.call('GET', `/Control?unitId=${UNIT_PLAIN}`).then((res) => timeless(withoutIoItems(res.body)))],
		['FlexUnlock POST /unlock/check', () => flexUnlock('POST', '/unlock/check', { imei: flexUnlockFixtures.eligibleImei, carrier: 'T-Mobile' })],
		['FlexUnlock 400 error', () => flexUnlock('POST', '/unlock/check', { imei: '123', carrier: 'T-Mobile' })],
		['CekSafe POST /check', () => cekSafe('POST', '/check', { imei: cekSafeFixtures.cleanImei, type: 'total' }).then((res) => timeless({ ...res, body: { ...res.body, data: { ...(res.body.data as Obj), certificate_url: '<id>' } } }))],
		['CekSafe GET /history', () => cekSafe('GET', '/history?page=2&limit=5')],
		['CekSafe 400 error', () => cekSafe('POST', '/check', { imei: '1', type: 'total' })],
	])('%s', async (_name, read) => {
		const answers = await inEachDialect(read);
		expect(answers.b).toEqual(answers.a);
		expect(answers.minimal).toEqual(answers.a);
	});

	test('the control.statusChanged webhook payload (GET /Control) keeps every documented field in dialect b and minimal', async () => {
		for (const dialect of DIALECTS) {
			use(dialect);
			const { body } = await fk.call('GET', `/Control?serialNumber=${X33_SERIAL}`);
			expect(Object.keys(body)).toEqual([
				'unitId',
				'serialNumber',
				'statusTimestamp',
				'statusTimestampIso',
				'rawStatus',
				'inputs',
				'fOutputs',
				'xOutputs',
				'xInputsStatusTimestamp',
				'xInputsStatusTimestampIso',
				'rawXInputsStatus',
				'xInputs',
				'isCached',
			]);
		}
	});
});

describe('FlexyKey inferred shapes', () => {
	test('units: bare list and unit; b {units} and {status, unit} with unitName, unitModel, mainBoard; minimal without sensors, counters, unitType', async () => {
		const answers = await inEachDialect(async () => ({ list: (await fk.call('GET', '/Units')).body, one: (await fk.call('GET', `/Units/${UNIT_PLAIN}`)).body }));
		const a = answers.a as { list: Obj[]; one: Obj };
		const plain = a.list.find((unit) => unit.unitId === UNIT_PLAIN)!;
		expect(a.one).toEqual(plain);
		expect(Object.keys(plain)).toEqual(['unitId', 'serialNumber', 'name', 'unitType', 'outputs', 'inputs', 'expansions', 'sensors', 'counters']);
		const b = answers.b as { list: { units: Obj[] }; one: Obj };
		const { name, unitType, outputs, inputs, ...rest } = plain;
		const plainB = { ...rest, unitName: name, unitModel: unitType, mainBoard: { outputs, inputs } };
		expect(b.list.units).toHaveLength(a.list.length);
		expect(b.list.units.find((unit) => unit.unitId === UNIT_PLAIN)).toEqual(plainB);
		expect(b.one).toEqual({ status: 'OK', unit: plainB });
		const minimal = answers.minimal as { list: Obj[]; one: Obj };
		const plainMinimal = Object.fromEntries(Object.entries(plain).filter(([key]) => !['sensors', 'counters', 'unitType'].includes(key)));
		expect(minimal.one).toEqual(plainMinimal);
		expect(minimal.list).toContainEqual(plainMinimal);
	});

	test('IO items of GET /Control: {globalNumber, state: ON|OFF}; b {globalNumber, isOn}; minimal as a', async () => {
		const answers = await inEachDialect(async () => {
			await fk.call('POST', '/Control', { serialNumber: X33_SERIAL, outputNumber: 'F1', outputAction: 'ON' });
			return (await fk.call('GET', `/Control?serialNumber=${X33_SERIAL}`)).body;
		});
		const a = answers.a as Record<(typeof IO_GROUPS)[number], Array<{ globalNumber: string; state: string }>>;
		expect(a.fOutputs).toContainEqual({ globalNumber: 'F1', state: 'ON' });
		expect(a.fOutputs).toContainEqual({ globalNumber: 'F2', state: 'OFF' });
		const b = answers.b as Obj;
		for (const group of IO_GROUPS) {
			expect(b[group]).toEqual(a[group].map((item) => ({ globalNumber: item.globalNumber, isOn: item.state === 'ON' })));
		}
		expect(answers.minimal).toEqual(answers.a);
	});

	test('the control.statusChanged signature: hex HMAC in a and minimal, `sha256=` and the hex in b', async () => {
		const receiver = await startReceiver();
		try {
			const signatures = await inEachDialect(async () => {
				receiver.calls.length = 0;
				await fk.call('PUT', '/Webhooks', { unitId: UNIT_PLAIN, event: 'control.statusChanged', callbackUrl: receiver.url, secret: 'sign-me' });
				await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'ON' });
				await fk.sim.flexykey.flush();
				const [call] = receiver.calls;
				return { header: call.headers['x-signature'], hmac: createHmac('sha256', 'sign-me').update(call.body).digest('hex') };
			});
			const { a, b, minimal } = signatures as Record<Dialect, { header: string; hmac: string }>;
			expect(a.header).toBe(a.hmac);
			expect(minimal.header).toBe(minimal.hmac);
			expect(b.header).toBe(`sha256=${b.hmac}`);
		} finally {
			await receiver.close();
		}
	});

	test('the control.statusChanged delivery carries the IO items of the configured dialect, whoever changed the IO', async () => {
		const receiver = await startReceiver();
		try {
			use('b');
			await fk.call('PUT', '/Webhooks', { unitId: UNIT_PLAIN, event: 'control.statusChanged', callbackUrl: receiver.url }, { dialect: 'a' });
			await fk.call('POST', '/Control', { unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'ON' }, { dialect: 'a' });
			await fk.sim.flexykey.flush();
			const delivered = JSON.parse(receiver.calls[0].body) as Obj;
			expect(delivered.fOutputs).toContainEqual({ globalNumber: 'F1', isOn: true });
			const read = (await fk.call('GET', `/Control?unitId=${UNIT_PLAIN}`)).body;
			expect(timeless(delivered)).toEqual(timeless({ ...read, isCached: false }));
			expect(receiver.calls[0].headers['x-signature']).toBeUndefined();
		} finally {
			await receiver.close();
		}
	});

	test('errors: {status, message}; b problem details; minimal the message alone', async () => {
		const answers = await inEachDialect(() => fk.call('GET', '/UnitIdEntries?unitId=999999').then((res) => ({ status: res.status, body: res.body })));
		const a = answers.a as { status: number; body: { message: string } };
		expect(a.status).toBe(404);
		expect(a.body).toEqual({ status: 404, message: expect.stringContaining('999999') });
		expect(answers.b).toEqual({ status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: a.body.message } });
		expect(answers.minimal).toEqual({ status: 404, body: { message: a.body.message } });
	});

	test('unit-info catalog: types/profiles; b data.commandTypes/commandProfiles; minimal names only', async () => {
		const answers = await inEachDialect(() => fk.call('GET', '/RequestUnitInfoTypes').then((res) => res.body));
		const a = answers.a as { types: Obj[]; profiles: Obj[] };
		expect(a.types[0]).toEqual({ typeName: 'CHECKASTAT', description: expect.any(String), enabled: true, visible: true, multipleResponses: false });
		const b = answers.b as { data: { commandTypes: Obj[]; commandProfiles: Obj[] } };
		expect(Object.keys(b)).toEqual(['data']);
		expect(b.data.commandTypes[0]).toEqual({ typeName: 'CHECKASTAT', description: a.types[0].description, isEnabled: true, isVisible: true, hasMultipleResponses: false });
		expect(b.data.commandProfiles[0]).toEqual({ profileName: 'controlStatusFull', description: a.profiles[0].description, commandTypes: a.profiles[0].typeNames });
		const minimal = answers.minimal as { types: Obj[]; profiles: Obj[] };
		expect(minimal.types).toEqual(a.types.map((type) => ({ typeName: type.typeName })));
		expect(minimal.profiles).toEqual(a.profiles.map((profile) => ({ profile: profile.profile, typeNames: profile.typeNames })));
	});

	test('request unit info and messages', async () => {
		const answers = await inEachDialect(async () => {
			const request = await fk.call('POST', '/RequestUnitInfo', { unitId: UNIT_PLAIN, typeName: 'CHECKTEMP' });
			fk.clock.advance(120);
			const messages = await fk.call('GET', `/UnitMessages?unitId=${UNIT_PLAIN}&typeName=CHECKTEMP`);
			return { request: request.body, messages: messages.body };
		});
		const a = answers.a as { request: Obj; messages: Obj[] };
		expect(a.request).toMatchObject({ status: 'OK', unitId: UNIT_PLAIN, typeName: 'CHECKTEMP', profile: null, results: [{ typeName: 'CHECKTEMP', status: 'queued', message: 'Command queued', messageId: null }] });
		expect(a.messages[0]).toEqual(expect.objectContaining({ typeName: 'CHECKTEMP', message: expect.stringMatching(/^TEMP/) }));
		const b = answers.b as { request: { data: Obj }; messages: Obj };
		expect(b.request).toEqual({
			status: 'OK',
			data: { unitId: UNIT_PLAIN, serialNumber: a.request.serialNumber, request: { typeName: 'CHECKTEMP', profile: null }, commands: [{ typeName: 'CHECKTEMP', commandStatus: 'Queued', statusMessage: 'Command queued', messageId: null }] },
		});
		expect(b.messages).toEqual({
			unitId: UNIT_PLAIN,
			count: a.messages.length,
			messages: a.messages.map((row) => expect.objectContaining({ id: row.messageId, typeName: 'CHECKTEMP', rawMessage: row.message })),
		});
		const minimal = answers.minimal as { request: Obj; messages: Obj[] };
		expect(minimal.request).toEqual({ status: 'OK', results: [{ typeName: 'CHECKTEMP', status: 'QUEUED' }] });
		expect(Object.keys(minimal.messages[0])).toEqual(['messageId', 'typeName', 'message', 'timestamp', 'timestampIso']);
	});

	test('ID entries: page envelope, single rows, null fields', async () => {
		const answers = await inEachDialect(async () => {
			const created = await fk.call('POST', '/UnitIdEntries', { unitId: UNIT_PLAIN, idNumber: '+46700000001', action: 'R1' });
			const page = await fk.call('GET', `/UnitIdEntries?unitId=${UNIT_PLAIN}&limit=2`);
			return { created: created.body, page: page.body };
		});
		const a = answers.a as { created: Obj; page: { items: Obj[]; total: number } };
		expect(a.created).toMatchObject({ idNumber: '+46700000001', name: null, unitSyncState: 'changed', createdIso: expect.any(String) });
		const b = answers.b as { created: { idEntry: Obj }; page: { data: { idEntries: Obj[] }; paging: Obj } };
		expect(b.created.idEntry).toMatchObject({ id: a.created.id, idNumber: '+46700000001', name: null, createdTimestampIso: expect.any(String) });
		expect(b.created.idEntry).not.toHaveProperty('createdIso');
		expect(b.page.paging).toEqual({ totalCount: a.page.total, limit: 2, offset: 0 });
		expect(b.page.data.idEntries.map((entry) => entry.id)).toEqual(a.page.items.map((entry) => entry.id));
		const minimal = answers.minimal as { created: Obj; page: Obj };
		expect(minimal.created).toEqual({ id: a.created.id, unitId: UNIT_PLAIN, idNumber: '+46700000001', action: 'R1', unitSyncState: 'changed' });
		expect(Object.keys(minimal.page)).toEqual(['items']);
	});

	test('setting definitions and rows', async () => {
		const answers = await inEachDialect(async () => ({
			definitions: (await fk.call('GET', '/UnitSettings/Definitions')).body,
			rows: (await fk.call('GET', `/UnitSettings?unitId=${UNIT_PLAIN}`)).body,
		}));
		const a = answers.a as { definitions: Obj[]; rows: Obj[] };
		const pulse = a.definitions.find((definition) => definition.setting === 'DefaultRelayPulse')!;
		expect(pulse).toMatchObject({ type: 'integer', min: 1, max: 99999, params: { name: 'relay', required: true, allowedValues: ['R1', 'R2'] } });
		const b = answers.b as { definitions: { settings: Obj[] }; rows: { settings: Obj[] } };
		expect(b.definitions.settings.find((definition) => definition.name === 'DefaultRelayPulse')).toEqual({
			name: 'DefaultRelayPulse',
			description: pulse.description,
			dataType: 'integer',
			minValue: 1,
			maxValue: 99999,
			isSensitive: false,
			parameter: { name: 'relay', description: expect.any(String), isRequired: true, validValues: ['R1', 'R2'] },
		});
		expect(b.rows.settings.length).toBe(a.rows.length);
		const minimal = answers.minimal as { definitions: Obj[]; rows: Obj[] };
		expect(minimal.definitions.find((definition) => definition.setting === 'DefaultRelayPulse')).toEqual({
			setting: 'DefaultRelayPulse',
			type: 'integer',
			min: 1,
			max: 99999,
			params: { name: 'relay', required: true, allowedValues: ['R1', 'R2'] },
		});
		expect(minimal.definitions.find((definition) => definition.setting === 'WifiMode')).toEqual({ setting: 'WifiMode', type: 'string', allowedValues: ['OFF', 'CLIENT', 'AP'] });
		for (const row of minimal.rows) expect(Object.keys(row).every((key) => ['setting', 'params', 'value'].includes(key))).toBe(true);
	});

	test('sync push and status: b nests under data/sync with state and statusText; minimal keeps status (as a constant, QUEUED) and message', async () => {
		const answers = await inEachDialect(async () => {
			await fk.call('POST', '/UnitIdEntries', { unitId: UNIT_PLAIN, idNumber: '+46700000002', action: 'R1' });
			const push = await fk.call('POST', '/UnitSync/PushChanges', { unitId: UNIT_PLAIN });
			const status = await fk.call('GET', `/UnitSync/Status?unitId=${UNIT_PLAIN}`);
			return { push: push.body, status: status.body };
		});
		const a = answers.a as { push: Obj; status: Obj };
		expect(a.push).toMatchObject({ status: 'queued', syncId: expect.any(Number) });
		expect(a.status).toMatchObject({ status: expect.stringMatching(/^(queued|running)$/), active: true, message: 'Unit programming in progress' });
		const b = answers.b as { push: { data: Obj }; status: { sync: Obj; message: string } };
		expect(b.push).toEqual({ status: 'OK', data: { syncId: a.push.syncId, unitId: UNIT_PLAIN, state: 'Queued', counts: { idEntries: a.push.idEntries, settings: a.push.settings, packets: a.push.packets }, message: a.push.message } });
		expect(b.status.message).toBe('Unit programming in progress');
		expect(b.status.sync).toMatchObject({ syncId: a.status.syncId, state: expect.stringMatching(/^(Queued|Running)$/), isActive: true, statusText: null, progress: { percent: expect.any(Number) } });
		expect(answers.minimal).toEqual({
			push: { status: 'QUEUED', syncId: a.push.syncId },
			status: { syncId: a.push.syncId, status: expect.stringMatching(/^(QUEUED|RUNNING)$/), message: 'Unit programming in progress' },
		});
	});

	test('webhooks: a filtered read is one object in b, a list otherwise', async () => {
		const answers = await inEachDialect(async () => {
			await fk.call('PUT', '/Webhooks', { unitId: UNIT_PLAIN, event: 'control.statusChanged', callbackUrl: 'https://example.test/hook', secret: 's' });
			return {
				events: (await fk.call('GET', '/Webhooks/Events')).body,
				one: (await fk.call('GET', `/Webhooks?unitId=${UNIT_PLAIN}&event=control.statusChanged`)).body,
				all: (await fk.call('GET', `/Webhooks?unitId=${UNIT_PLAIN}`)).body,
			};
		});
		const a = answers.a as { events: string[]; one: Obj[]; all: Obj[] };
		expect(a.events).toEqual(['control.statusChanged']);
		expect(a.one).toEqual([expect.objectContaining({ webhookId: expect.any(Number), callbackUrl: 'https://example.test/hook', hasSecret: true })]);
		const b = answers.b as { events: Obj; one: Obj; all: { webhooks: Obj[] } };
		expect(b.events).toEqual({ events: ['control.statusChanged'] });
		expect(b.one).toMatchObject({ id: a.one[0].webhookId, callbackUrl: 'https://example.test/hook', hasSecret: true, createdTimestampIso: expect.any(String) });
		expect(b.all.webhooks).toEqual([b.one]);
		expect(answers.minimal).toMatchObject({ events: ['control.statusChanged'], one: [{ webhookId: a.one[0].webhookId, unitId: UNIT_PLAIN, event: 'control.statusChanged', callbackUrl: 'https://example.test/hook', httpMethod: 'POST', isActive: 1 }] });
		use('b');
		expect((await fk.call('GET', `/Webhooks?unitId=${UNIT_PLAIN}&event=control.statusChanged`)).status).toBe(200);
		await fk.call('DELETE', `/Webhooks?unitId=${UNIT_PLAIN}&event=control.statusChanged`);
		expect((await fk.call('GET', `/Webhooks?unitId=${UNIT_PLAIN}&event=control.statusChanged`)).status).toBe(404);
	});

	test('logs and booking objects', async () => {
		const answers = await inEachDialect(async () => ({
			logs: (await fk.call('GET', `/Logs?unitId=${UNIT_PLAIN}`)).body,
			objects: (await fk.call('GET', '/BookingObjects')).body,
		}));
		const a = answers.a as { logs: Obj[]; objects: Obj[] };
		expect(a.logs.length).toBeGreaterThan(0);
		const b = answers.b as { logs: { logs: Obj[] }; objects: { data: { bookingObjects: Obj[] } } };
		expect(b.logs.logs.map((row) => [row.id, row.logType, row.text])).toEqual(a.logs.map((row) => [row.logId, row.eventType, row.message]));
		expect(b.objects.data.bookingObjects.map((row) => row.objectName)).toEqual(a.objects.map((row) => row.name));
		const minimal = answers.minimal as { logs: Obj[]; objects: Obj[] };
		expect(minimal.objects).toEqual(a.objects.map((row) => ({ bookingObjectId: row.bookingObjectId, name: row.name })));
		expect(minimal.logs.map((row) => row.logId)).toEqual(a.logs.map((row) => row.logId));
		expect(minimal.logs.every((row) => !('unitId' in row) && !('timestamp' in row))).toBe(true);
	});

	test('deleting a booking: 204 in a and minimal; b 200 with a confirmation', async () => {
		const answers = await inEachDialect(() => fk.call('DELETE', '/Bookings/9001').then((res) => ({ status: res.status, body: res.body })));
		expect(answers.a).toEqual({ status: 204, body: undefined });
		expect(answers.minimal).toEqual(answers.a);
		expect(answers.b).toEqual({ status: 200, body: { status: 'OK', message: 'Booking 9001 deleted' } });
	});
});

describe('FlexUnlock inferred shapes', () => {
	test('order and order status: the state word as written in a, an enum name in b, a constant in minimal', async () => {
		const answers = await inEachDialect(async () => {
			const placed = await flexUnlock('POST', '/unlock/order', { imei: flexUnlockFixtures.eligibleImei, carrier: 'T-Mobile', service: 'Activation' });
			const id = String((placed.body.order_id ?? (placed.body.order as Obj | undefined)?.id) as string);
			fk.sim.flexunlock.advanceOrder(id);
			fk.sim.flexunlock.advanceOrder(id);
			return { placed: placed.body, status: timeless((await flexUnlock('POST', '/unlock/status', { order_id: id })).body) };
		});
		const a = answers.a as { placed: Obj; status: Obj };
		expect(a.placed).toEqual({ status: 'success', order_id: expect.stringMatching(/^ord_/), order_status: 'created' });
		expect(a.status).toMatchObject({ status: 'success', order_id: a.placed.order_id, order_status: 'completed', unlock_code: expect.any(String) });
		const b = answers.b as { placed: Obj; status: { order: Obj } };
		expect(b.placed).toEqual({ status: 'success', order: { id: a.placed.order_id, status: 'Created' } });
		expect(b.status.order).toMatchObject({ id: a.placed.order_id, status: 'Completed', unlock_code: a.status.unlock_code, imei: a.status.imei });
		expect(answers.minimal).toEqual({
			placed: { order_id: a.placed.order_id, order_status: 'CREATED' },
			status: { order_id: a.placed.order_id, order_status: 'COMPLETED', unlock_code: a.status.unlock_code },
		});
	});

	test('webhooks: create and list', async () => {
		const answers = await inEachDialect(async () => {
			const created = await flexUnlock('POST', '/webhooks', { url: 'https://example.test/fu', events: ['unlock.completed'], secret: 'x' });
			return { created: timeless(created.body), list: timeless((await flexUnlock('GET', '/webhooks')).body) };
		});
		const a = answers.a as { created: Obj; list: { webhooks: Obj[] } };
		expect(a.created).toEqual({ id: expect.stringMatching(/^wh_/), url: 'https://example.test/fu', events: ['unlock.completed'], created_at: '<time>' });
		expect(a.list).toEqual({ status: 'success', webhooks: [expect.objectContaining({ url: 'https://example.test/fu' })] });
		expect(answers.b).toEqual({
			created: { status: 'success', webhook: { webhook_id: expect.stringMatching(/^wh_/), url: 'https://example.test/fu', events: ['unlock.completed'], created_at: '<time>' } },
			list: { status: 'success', data: [expect.objectContaining({ webhook_id: expect.stringMatching(/^wh_/), url: 'https://example.test/fu' })] },
		});
		expect(answers.minimal).toEqual({
			created: { id: expect.stringMatching(/^wh_/) },
			list: { webhooks: [{ id: expect.stringMatching(/^wh_/), url: 'https://example.test/fu', events: ['unlock.completed'] }] },
		});
	});

	test('deleting a webhook: 204 in a and minimal; b 200 with a confirmation', async () => {
		const answers = await inEachDialect(async () => {
			const created = await flexUnlock('POST', '/webhooks', { url: 'https://example.test/fu', events: ['unlock.completed'], secret: 'x' });
			const id = String(created.body.id ?? created.body.webhook_id ?? (created.body.webhook as Obj).webhook_id);
			const deleted = await flexUnlock('DELETE', `/webhooks/${id}`);
			return { id, status: deleted.status, body: deleted.body };
		});
		const a = answers.a as { id: string };
		expect(answers.a).toEqual({ id: a.id, status: 204, body: undefined });
		expect(answers.minimal).toEqual({ id: expect.stringMatching(/^wh_/), status: 204, body: undefined });
		const b = answers.b as { id: string };
		expect(answers.b).toEqual({ id: b.id, status: 200, body: { status: 'success', message: 'Webhook deleted', webhook_id: b.id } });
	});
});

describe('inferred rate-limit headers (FlexyKey, CekSafe)', () => {
	const rateHeaders = (headers: Headers) => Object.fromEntries(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'].map((name) => [name, headers.get(name)]));

	test('FlexyKey: Reset a Unix time in a, seconds left in b, absent in minimal; a 429\'s Retry-After seconds in a, an HTTP date in b', async () => {
		fk.sim.config.flexykey.rateLimit = { mode: 'fixed', limit: 1, windowMs: 30_000 };
		const answers = await inEachDialect(async () => {
			const ok = await fk.call('GET', '/Units');
			const refused = await fk.call('GET', '/Units');
			return { at: fk.clock.now(), ok: rateHeaders(ok.headers), refused: { status: refused.status, ...rateHeaders(refused.headers) } };
		});
		const a = answers.a as { at: number; ok: Record<string, string>; refused: Record<string, string> };
		expect(a.ok).toEqual({ 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': expect.stringMatching(/^\d{10}$/), 'retry-after': null });
		expect(Number(a.ok['x-ratelimit-reset']) * 1000 - a.at).toBeGreaterThan(28_000);
		expect(a.refused).toMatchObject({ status: 429, 'retry-after': expect.stringMatching(/^(29|30)$/) });
		const b = answers.b as { at: number; ok: Record<string, string>; refused: Record<string, string> };
		expect(b.ok).toEqual({ 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': expect.stringMatching(/^(29|30)$/), 'retry-after': null });
		expect(b.refused).toMatchObject({ status: 429, 'retry-after': expect.stringMatching(/GMT$/) });
		expect(Date.parse(b.refused['retry-after']) - b.at).toBeGreaterThan(28_000);
		expect(answers.minimal).toEqual({
			at: expect.any(Number),
			ok: { 'x-ratelimit-limit': null, 'x-ratelimit-remaining': null, 'x-ratelimit-reset': null, 'retry-after': null },
			refused: { status: 429, 'x-ratelimit-limit': null, 'x-ratelimit-remaining': null, 'x-ratelimit-reset': null, 'retry-after': expect.stringMatching(/^(29|30)$/) },
		});
	});

	test('CekSafe: the same forms; FlexUnlock\'s documented headers the same in every dialect', async () => {
		fk.sim.config.ceksafe.rateLimit = { mode: 'fixed', limit: 1, windowMs: 30_000 };
		fk.sim.config.flexunlock.rateLimit = { mode: 'fixed', limit: 1, windowMs: 30_000 };
		const answers = await inEachDialect(async () => {
			const readHeaders = async (read: () => Promise<Response>) => rateHeaders((await read()).headers);
			const cekSafeRead = () => fetch(`${fk.sim.urls.ceksafe}/history`, { headers: { Authorization: `Bearer ${cekSafeKeys.growth.key}` } });
			const flexUnlockRead = () => fetch(`${fk.sim.urls.flexunlock}/webhooks`, { headers: { Authorization: `Bearer ${flexUnlockKeys.bigSeller.key}` } });
			return { cekSafe: await readHeaders(cekSafeRead), cekSafeRefused: await readHeaders(cekSafeRead), flexUnlock: await readHeaders(flexUnlockRead), flexUnlockRefused: await readHeaders(flexUnlockRead) };
		});
		const unix = expect.stringMatching(/^\d{10}$/);
		const secondsLeft = expect.stringMatching(/^(29|30)$/);
		expect(answers.a).toMatchObject({ cekSafe: { 'x-ratelimit-reset': unix }, cekSafeRefused: { 'retry-after': secondsLeft } });
		expect(answers.b).toMatchObject({ cekSafe: { 'x-ratelimit-reset': secondsLeft }, cekSafeRefused: { 'retry-after': expect.stringMatching(/GMT$/) } });
		expect(answers.minimal).toMatchObject({ cekSafe: { 'x-ratelimit-limit': null, 'x-ratelimit-reset': null }, cekSafeRefused: { 'x-ratelimit-reset': null, 'retry-after': secondsLeft } });
		for (const dialect of DIALECTS) {
			expect(answers[dialect]).toMatchObject({ flexUnlock: { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': unix }, flexUnlockRefused: { 'retry-after': secondsLeft } });
		}
	});
});

test('startSimulator takes the dialect as an option and PATCH /_sim/config changes it', async () => {
	expect(fk.sim.config.dialect).toBe('a');
	const res = await fetch(`${fk.sim.baseUrl}/_sim/config`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dialect: 'minimal' }) });
	expect(res.status).toBe(200);
	expect(fk.sim.config.dialect).toBe('minimal');
	expect((await fk.call('GET', '/Webhooks/Events')).body).toEqual(['control.statusChanged']);
	expect((await fk.call('GET', '/RequestUnitInfoTypes')).body).not.toHaveProperty('types.0.description');
});
