/** FlexyKey → ID Entry: Get Many, Create, Update, Delete through a real workflow against the simulator. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../harness/run-workflow';
import { chain } from '../../harness/workflow-builder';
import { type RunOptions, unitRef, useFlexyKeyNode } from './helpers';
import { eachDialect } from '../../harness/simulator';

const flexyKey = useFlexyKeyNode();
const handle = flexyKey.handle;
const UNIT = 3023;
const unit = (value: string | number = UNIT, mode: 'id' | 'serialNumber' = 'id') => unitRef(value, mode);

function node(parameters: INodeParameters, continueOnFail = false) {
	return chain({ name: 'FlexyKey', type: 'flexyKey', parameters: { resource: 'idEntry', unit: unit(), ...parameters }, continueOnFail });
}

const api = async (method: string, path: string, body?: unknown): Promise<IDataObject> => (await flexyKey.api<IDataObject>(method, path, body)).body;
const run = (parameters: INodeParameters, options?: RunOptions) => flexyKey.run({ resource: 'idEntry', unit: unit(), ...parameters }, options);

const requests = (path?: string) => handle.sim.flexykey.requestLog.filter((entry) => path === undefined || entry.path.startsWith(path));


const create = (idNumber: string, action = 'R1', additionalFields: INodeParameters = {}): INodeParameters => ({ operation: 'create', idNumber, entryAction: action, additionalFields });

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(handle, (dialect) => {
	describe('Get Many', () => {
		test('one page: limit and offset, one item per row, as the API gives them', async () => {
			const result = await run({ operation: 'getMany', limit: 2, offset: 1 });
			expect(result.error).toBeUndefined();
			const rows = result.json('FlexyKey');
			expect(rows.map((row) => row.id)).toEqual([1002, 1003]);
			expect(rows[0]).toMatchObject({ unitId: UNIT, idNumber: '+46709876543', action: 'G13', codeTag: '4711', codeTagCalendar: 2, unitSyncState: 'synced' });
			expect(result.output('FlexyKey').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
			expect(requests('/UnitIdEntries').map((entry) => entry.query)).toEqual(['unitId=3023&limit=2&offset=1']);
		});

		test('search is sent and filters', async () => {
			const result = await run({ operation: 'getMany', search: 'Erik', limit: 50 });
			expect(result.json('FlexyKey').map((row) => row.name)).toEqual(['Erik Lind']);
			expect(requests('/UnitIdEntries')[0].query).toContain('search=Erik');
		});

		test('by serial number: the unit ID is looked up first', async () => {
			const result = await run({ operation: 'getMany', unit: unit('1720041130', 'serialNumber'), limit: 50 });
			expect(result.json('FlexyKey').map((row) => row.id)).toEqual([1001, 1002, 1003]);
			expect(requests().map((entry) => entry.path)).toEqual(['/Units', '/UnitIdEntries']);
		});

		test('Return All walks the offsets past the 500-row page', async () => {
			for (let start = 0; start < 510; start += 30) {
				await Promise.all(
					Array.from({ length: Math.min(30, 510 - start) }, (_, i) => api('POST', '/UnitIdEntries', { unitId: 3024, idNumber: `bulk-${start + i}`, action: 'R1' })),
				);
			}
			const before = handle.sim.flexykey.requestLog.length;
			const result = await run({ operation: 'getMany', unit: unit(3024), returnAll: true });
			const rows = result.json('FlexyKey');
			expect(rows).toHaveLength(511);
			expect(new Set(rows.map((row) => row.id)).size).toBe(511);
			const reads = handle.sim.flexykey.requestLog.slice(before).filter((entry) => entry.method === 'GET');
			expect(reads.map((entry) => entry.query)).toEqual(['unitId=3024&limit=500&offset=0', 'unitId=3024&limit=500&offset=500']);
		});

		test('rejects a limit over 500 before sending', async () => {
			const result = await run({ operation: 'getMany', limit: '={{ 501 }}' });
			expect(result.error?.message).toMatch(/^Limit: /);
			expect(requests()).toEqual([]);
		});
	});

	describe('Create', () => {
		/** Create with every field from 14:00+02:00 to `validToIso`, names and PINs from the items. */
		const guestEntries = (validToIso: string, note: string) => ({
			operation: 'create',
			idNumber: '={{ $json.phone }}',
			entryAction: '={{ $json.action }}',
			additionalFields: {
				name: '={{ $json.name }}',
				description: 'Guest',
				codeTag: '={{ $json.pin }}',
				codeTagCalendar: 3,
				validFromIso: '2026-04-22T14:00:00+02:00',
				validToIso,
				extraFields: JSON.stringify({ note }),
			},
		});

		test('creates one entry per item with every field; the new entries are pending sync', async () => {
			const result = await run(
				guestEntries('2026-04-22T12:00:00Z', 'kept by the body'),
				{ input: [{ phone: '+46700000001', action: 'R2', name: 'Guest One', pin: '123456' }, { phone: '+46700000002', action: 'g13', name: 'Guest Two', pin: '0042' }] },
			);
			// 12:00Z is not after 14:00+02:00 (12:00Z): the To-after-From rule fails both items before any request
			expect(result.error?.message).toBe('Valid To: must be after Valid From (2026-04-22T12:00:00Z is not after 2026-04-22T12:00:00Z)');
			expect(requests()).toEqual([]);

			const ok = await run(
				guestEntries('2026-04-22T18:00:00+02:00', 'extra'),
				{ input: [{ phone: '+46700000001', action: 'R2', name: 'Guest One', pin: '123456' }, { phone: '+46700000002', action: 'g13', name: 'Guest Two', pin: '0042' }] },
			);
			expect(ok.error).toBeUndefined();
			const out = ok.output('FlexyKey');
			expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(out[0].json).toMatchObject({ id: expect.any(Number), unitId: UNIT, idNumber: '+46700000001', action: 'R2', name: 'Guest One', codeTag: '123456', codeTagCalendar: 3, unitSyncState: 'changed' });
			expect(out[1].json).toMatchObject({ idNumber: '+46700000002', action: 'G13', codeTag: '0042' });
			const stored = handle.sim.flexykey.entries(UNIT).filter((entry) => entry.idNumber.startsWith('+4670000000'));
			expect(stored).toHaveLength(2);
			// sent in UTC with Z
			expect(stored[0]).toMatchObject({ validFromIso: '2026-04-22T12:00:00Z', validToIso: '2026-04-22T16:00:00Z', unitSyncState: 'changed' });
			expect(requests('/UnitIdEntries').map((entry) => entry.method)).toEqual(['POST', 'POST']);
		});

		test('409 duplicate idNumber: a clear error, nothing changed', async () => {
			const result = await run(create('+46701234567', 'R2'));
			expect(result.error?.message).toMatch(/^ID Number "\+46701234567" already exists on unit 3023 \(FlexyKey: .*\(HTTP 409\)\)$/);
			expect(result.error?.description).toContain('On Duplicate');
			expect(result.error?.httpCode).toBe('409');
			expect(handle.sim.flexykey.entries(UNIT).find((entry) => entry.id === 1001)).toMatchObject({ action: 'R1', unitSyncState: 'synced' });
		});

		test('409 with On Duplicate = Update Existing: the entry with that idNumber is found and updated', async () => {
			const result = await run({ ...create('+46701234567', 'R2', { name: 'Anna S.' }), onDuplicate: 'update' });
			expect(result.error).toBeUndefined();
			expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ id: 1001, idNumber: '+46701234567', action: 'R2', name: 'Anna S.', unitSyncState: 'changed' })]);
			expect(handle.sim.flexykey.entries(UNIT).filter((entry) => entry.idNumber === '+46701234567')).toHaveLength(1);
			expect(requests('/UnitIdEntries').map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual([
				'POST /UnitIdEntries 409',
				'GET /UnitIdEntries 200',
				'PUT /UnitIdEntries/1001 200',
			]);
		});

		test('401 with a wrong password', async () => {
			const credentials = handle.credentials();
			const result = await runWorkflow(node(create('+46700000009')), {
				credentials: { ...credentials, flexyKeyApi: { ...credentials.flexyKeyApi, password: 'wrong' } },
			});
			expect(result.error?.message).toMatch(/Invalid username or password \(HTTP 401\)/);
			expect(result.error?.description).toContain('credential');
			expect(JSON.stringify(result.error?.description)).not.toContain('wrong');
		});

		test('403 for a unit of another company', async () => {
			const result = await run(create('+46700000009'), { user: 'other' });
			expect(result.error?.message).toMatch(/Access denied.*\(HTTP 403\)/);
			expect(handle.sim.flexykey.entries(UNIT)).toHaveLength(3);
		});

		test('404 for an unknown unit', async () => {
			const result = await run({ ...create('+46700000009'), unit: unit(9999) });
			expect(result.error?.message).toMatch(/Unit not found.*\(HTTP 404\)/);
		});
	});

	describe('field rules are checked before any request, naming the field and the item', () => {
		const cases: Array<[string, INodeParameters, RegExp]> = [
			['ID Number empty (from an expression)', create('={{ "" }}'), /^ID Number: is required$/],
			['ID Number over 20', create('123456789012345678901'), /^ID Number: must be at most 20 characters \(got 21\)$/],
			['Name over 25', create('+4670', 'R1', { name: 'x'.repeat(26) }), /^Name: must be at most 25 characters/],
			['Description over 25', create('+4670', 'R1', { description: 'y'.repeat(26) }), /^Description: must be at most 25 characters/],
			['Action not a relay or group', create('+4670', 'F1'), /^Action: "F1" is not a relay/],
			['Action empty (from an expression)', create('+4670', '={{ "  " }}'), /^Action: is required/],
			['Code Tag of 3 digits', create('+4670', 'R1', { codeTag: '123' }), /^Code Tag \(PIN\): must be 4-7 digits/],
			['Code Tag of 8 digits', create('+4670', 'R1', { codeTag: '12345678' }), /^Code Tag \(PIN\): must be 4-7 digits/],
			['Code Tag not digits', create('+4670', 'R1', { codeTag: '12a4' }), /^Code Tag \(PIN\): must be 4-7 digits \(got 4 characters, not all digits\)$/],
			['Calendar without a PIN', create('+4670', 'R1', { codeTagCalendar: 2 }), /^Code Tag Calendar: may only be set when Code Tag \(PIN\) contains a valid PIN/],
			['Calendar not a calendar number', create('+4670', 'R1', { codeTag: '1234', codeTagCalendar: 0 }), /^Code Tag Calendar: must be a calendar number/],
			['Valid From not ISO 8601', create('+4670', 'R1', { validFromIso: '22/04/2026 14:00' }), /^Valid From: "22\/04\/2026 14:00" is not an ISO 8601 date-time/],
			['Valid From with a time zone name', create('+4670', 'R1', { validFromIso: '2026-04-22T14:00:00 Europe/Stockholm' }), /^Valid From: .* is not an ISO 8601 date-time/],
			['Valid To not a real date', create('+4670', 'R1', { validToIso: '2026-02-30T10:00:00Z' }), /^Valid To: "2026-02-30T10:00:00Z" is not an ISO 8601/],
			['Valid To before Valid From', create('+4670', 'R1', { validFromIso: '2026-04-22T14:00:00Z', validToIso: '2026-04-22T13:00:00Z' }), /^Valid To: must be after Valid From/],
			['Extra fields not JSON', create('+4670', 'R1', { extraFields: '{nope' }), /^Extra Body Fields \(JSON\): is not valid JSON$/],
			['Extra fields setting a known field', create('+4670', 'R1', { extraFields: '{"codeTag": "1"}' }), /^Extra Body Fields \(JSON\): must not set "codeTag"/],
			['Extra fields setting the validity window', create('+4670', 'R1', { extraFields: '{"validToIso": "2099-01-01T00:00:00Z"}' }), /^Extra Body Fields \(JSON\): must not set "validToIso": use the node's field "Valid To" instead$/],
			['Extra fields not an object', create('+4670', 'R1', { extraFields: '[1]' }), /^Extra Body Fields \(JSON\): must be a JSON object/],
			['Update without fields', { operation: 'update', entryId: 1001, updateFields: {} }, /^Update Fields: add at least one field/],
			['Update: Entry ID 0', { operation: 'update', entryId: 0, updateFields: { name: 'x' } }, /^Entry ID: "0" is not an entry ID/],
			['Update: calendar while clearing the PIN', { operation: 'update', entryId: 1002, updateFields: { codeTag: '', codeTagCalendar: 4 } }, /^Code Tag Calendar: may only be set/],
			['Update: action invalid', { operation: 'update', entryId: 1001, updateFields: { action: 'X33' } }, /^Action: "X33" is not a relay/],
			['Delete: Entry ID not a number', { operation: 'delete', entryId: '={{ "abc" }}' }, /^Entry ID: "abc" is not an entry ID/],
		];

		test.each(cases)('%s', async (_label, parameters, message) => {
			const result = await run(parameters);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toContain('item 0');
			expect(result.error?.context?.itemIndex).toBe(0);
			expect(requests()).toEqual([]);
		});

		test('with Continue On Fail only the bad item fails; the error names the field and item 1', async () => {
			const result = await run(
				{ operation: 'create', idNumber: '={{ $json.id }}', entryAction: 'R1', additionalFields: { codeTag: '={{ $json.pin }}' } },
				{ input: [{ id: '+46700000011', pin: '1234' }, { id: '+46700000012', pin: '12' }], continueOnFail: true },
			);
			const out = result.output('FlexyKey');
			expect(out[0].json).toMatchObject({ idNumber: '+46700000011', unitSyncState: 'changed' });
			expect(out[1].json).toMatchObject({ error: expect.stringMatching(/^Code Tag \(PIN\): must be 4-7 digits/), description: expect.stringContaining('item 1') });
			expect(out[1].json.error).not.toContain('12 ');
			expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(requests('/UnitIdEntries').map((entry) => entry.method)).toEqual(['POST']);
		});
	});

	describe('Update', () => {
		test('changes the given fields; a unit field marks the entry changed; an empty name clears it', async () => {
			const result = await run({ operation: 'update', entryId: 1003, updateFields: { action: 'r1', name: '', validToIso: '2027-01-31T18:00:00Z' } });
			expect(result.error).toBeUndefined();
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ id: 1003, action: 'R1', name: null, validToIso: '2027-01-31T18:00:00Z', unitSyncState: 'changed' })]);
			// `minimal` leaves the cleared (null) name out of the row it answers; the simulator's state shows it cleared.
			expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ id: 1003, action: 'R1', validToIso: '2027-01-31T18:00:00Z', unitSyncState: 'changed' })]);
			expect(handle.sim.flexykey.entries(UNIT).find((entry) => entry.id === 1003)).toMatchObject({ action: 'R1', name: null, description: 'Cleaning company', unitSyncState: 'changed' });
		});

		test('a date-time without an offset (as the date picker stores it) is read in the workflow time zone and sent in UTC', async () => {
			const workflow = { ...node({ operation: 'update', entryId: 1003, updateFields: { validFromIso: '2026-07-01T08:00:00', validToIso: '2026-07-01T17:30:00' } }), settings: { executionOrder: 'v1' as const, timezone: 'Europe/Stockholm' } };
			const result = await runWorkflow(workflow, { credentials: handle.credentials() });
			expect(result.json('FlexyKey')[0]).toMatchObject({ validFromIso: '2026-07-01T06:00:00Z', validToIso: '2026-07-01T15:30:00Z' });
			expect(handle.sim.flexykey.entries(UNIT).find((entry) => entry.id === 1003)).toMatchObject({ validFromIso: '2026-07-01T06:00:00Z', unitSyncState: 'changed' });
		});

		test('only a name change keeps the entry synced (names are not sent to the unit)', async () => {
			const result = await run({ operation: 'update', entryId: 1001, updateFields: { name: 'Anna Svensson-Lind' } });
			expect(result.json('FlexyKey')[0]).toMatchObject({ name: 'Anna Svensson-Lind', unitSyncState: 'synced' });
		});

		test('404 for an unknown entry', async () => {
			const result = await run({ operation: 'update', entryId: 99999, updateFields: { name: 'x' } });
			expect(result.error?.message).toMatch(/ID entry not found: 99999 \(HTTP 404\)/);
			expect(result.error?.httpCode).toBe('404');
		});

		test('409 when changing the ID number to one that exists', async () => {
			const result = await run({ operation: 'update', entryId: 1003, updateFields: { idNumber: '+46701234567' } });
			expect(result.error?.message).toMatch(/already exists.*\(HTTP 409\)/);
			expect(handle.sim.flexykey.entries(UNIT).find((entry) => entry.id === 1003)?.idNumber).toBe('0004398211');
		});
	});

	describe('Delete', () => {
		test('marks the entry for deletion (it stays until a sync)', async () => {
			const result = await run({ operation: 'delete', entryId: 1002 });
			expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ id: 1002, unitSyncState: 'deleted' })]);
			expect(handle.sim.flexykey.entries(UNIT).find((entry) => entry.id === 1002)?.unitSyncState).toBe('deleted');
			expect(requests('/UnitIdEntries')).toEqual([expect.objectContaining({ method: 'DELETE', path: '/UnitIdEntries/1002', query: 'unitId=3023' })]);
		});

		test('403 for another company, nothing marked', async () => {
			const result = await run({ operation: 'delete', entryId: 1002 }, { user: 'other' });
			expect(result.error?.httpCode).toBe('403');
			expect(handle.sim.flexykey.entries(UNIT).find((entry) => entry.id === 1002)?.unitSyncState).toBe('synced');
		});
	});

	describe('429', () => {
		afterEach(() => {
			handle.sim.config.flexykey.rateLimit = { mode: 'off', limit: 0, windowMs: 60_000 };
		});

		test('a create answered 429 waits for Retry-After and is sent again, creating the entry once', async () => {
			handle.sim.config.flexykey.rateLimit = { mode: 'fixed', limit: 2, windowMs: 1_000 };
			// another client of the same user spends the window first
			await api('GET', '/Units');
			await api('GET', '/Units');
			const result = await run(create('rl-1'));
			expect(result.error).toBeUndefined();
			expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ idNumber: 'rl-1' })]);
			expect(handle.sim.flexykey.rateLimited).toBeGreaterThanOrEqual(1);
			expect(requests('/UnitIdEntries').map((entry) => entry.status)).toEqual([...requests('/UnitIdEntries').slice(0, -1).map(() => 429), 201]);
			expect(handle.sim.flexykey.entries(UNIT).filter((entry) => entry.idNumber === 'rl-1')).toHaveLength(1);
		});

	});
});
