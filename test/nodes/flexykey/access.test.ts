/** FlexyKey → Access: Grant Access and Revoke Access (entry → push → wait), step by step against the simulator. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { TEST_SIM_CONFIG, eachDialect } from '../../harness/simulator';
import { OFFLINE_SYNC_FAILURE, type RunOptions, escapeRegExp, unitRef, useFlexyKeyNode } from './helpers';
import { eventually } from '../../harness/eventually';

const flexyKey = useFlexyKeyNode();
const handle = flexyKey.handle;
const UNIT = 3023;
const unit = (value: string | number = UNIT, mode: 'id' | 'serialNumber' = 'id') => unitRef(value, mode);
const fk = () => handle.sim.flexykey;

const api = async (method: string, path: string, body?: unknown): Promise<IDataObject> => (await flexyKey.api<IDataObject>(method, path, body)).body;
const run = (parameters: INodeParameters, options?: RunOptions) => flexyKey.run({ resource: 'access', unit: unit(), ...parameters }, options);


const FROM = '2026-05-01T14:00:00+02:00';
const TO = '2026-05-01T18:00:00+02:00';
/** The window as sent: UTC with Z. */
const FROM_UTC = '2026-05-01T12:00:00Z';
const TO_UTC = '2026-05-01T16:00:00Z';
const grant = (overrides: INodeParameters = {}): INodeParameters => ({
	operation: 'grant',
	idNumber: 'booking-9100',
	entryName: 'Guest Nilsson',
	entryAction: 'R1',
	validFromIso: FROM,
	validToIso: TO,
	...overrides,
});
const entryBy = (idNumber: string, unitId = UNIT) => fk().entries(unitId).find((entry) => entry.idNumber === idNumber);
const paths = () => fk().requestLog.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);

afterEach(() => {
	Object.assign(handle.sim.config.flexykey, TEST_SIM_CONFIG.flexykey);
	fk().setUnitOnline(UNIT, true);
});

// The entry, decisions, sync outcome, errors and the simulator's state are checked in every dialect; the
// push and status answers passed through as they came (`push: { status: 'queued', idEntries }`,
// `sync.finalStatus`) are dialect a's shapes and checked in a only.
eachDialect(handle, (dialect) => {
	describe('Grant Access', () => {
		test('generated PIN, waits for the sync: the entry is on the unit; output has PIN, entry and sync result', async () => {
			const result = await run(grant({ pinLength: 6 }));
			expect(result.error).toBeUndefined();
			const [out] = result.json('FlexyKey');
			expect(out.pin).toMatch(/^\d{6}$/);
			expect(out).toMatchObject({
				unitId: UNIT,
				idNumber: 'booking-9100',
				validFromIso: FROM_UTC,
				validToIso: TO_UTC,
				synced: true,
				updatedExisting: false,
				entry: { idNumber: 'booking-9100', codeTag: out.pin, name: 'Guest Nilsson', action: 'R1', unitSyncState: 'changed' },
				sync: { outcome: 'completed', syncId: fk().syncs(UNIT)[0].syncId },
			});
			expect(fk().syncs(UNIT)).toEqual([expect.objectContaining({ status: 'completed', idEntries: 1 })]);
			// With the assertion above, the whole of what dialect a's output was always checked for.
			if (dialect === 'a') expect(out).toMatchObject({ push: { status: 'queued', idEntries: 1 }, sync: { outcome: 'completed', finalStatus: { status: 'completed' } } });
			expect(out.entryId).toBe((out.entry as IDataObject).id);
			expect((out.sync as IDataObject).progress).toHaveLength(1);
			expect(entryBy('booking-9100')).toMatchObject({ id: out.entryId, codeTag: out.pin, validFromIso: FROM_UTC, validToIso: TO_UTC, unitSyncState: 'synced' });
			expect(paths()).toEqual(['POST /UnitIdEntries 201', 'POST /UnitSync/PushChanges 200', 'GET /UnitSync/Status 200']);
		});

		test('generated PINs have the chosen length, differ, and are no trivial runs', async () => {
			// one unit per item, so no push waits for another's sync
			const input = [3023, 3024, 3025, 3026].map((unitId, i) => ({ unitId, ref: `gen-${i}`, length: 4 + i }));
			const result = await run(grant({ unit: unit('={{ $json.unitId }}'), idNumber: '={{ $json.ref }}', pinLength: '={{ $json.length }}', waitForSync: false }), { input });
			expect(result.error).toBeUndefined();
			const pins = result.json('FlexyKey').map((row) => String(row.pin));
			pins.forEach((pin, i) => {
				expect(pin).toMatch(new RegExp(`^\\d{${4 + i}}$`));
				expect(new Set(pin).size).toBeGreaterThan(1);
			});
			expect(new Set(pins).size).toBe(pins.length);
			expect(result.json('FlexyKey').map((row) => (row.entry as IDataObject).codeTag)).toEqual(pins);
		});

		test('given PIN, without waiting: the entry is pushed but the output does not claim it is synced', async () => {
			const result = await run(grant({ pinSource: 'given', pin: '0427', waitForSync: false }));
			const [out] = result.json('FlexyKey');
			expect(out).toMatchObject({ pin: '0427', synced: false, sync: null, entry: { codeTag: '0427' } });
			if (dialect === 'a') expect(out).toMatchObject({ pin: '0427', synced: false, sync: null, push: { status: 'queued' }, entry: { codeTag: '0427' } });
			expect(paths()).toEqual(['POST /UnitIdEntries 201', 'POST /UnitSync/PushChanges 200']);
			expect(entryBy('booking-9100')?.unitSyncState).toBe('changed');
			expect(fk().syncs(UNIT)).toHaveLength(1);
		});

		test('several bookings in one run, without waiting: items run one after another; a push refused while the previous sync runs waits for it', async () => {
			const input = [{ ref: 'seq-1' }, { ref: 'seq-2' }];
			const result = await run(grant({ idNumber: '={{ $json.ref }}', waitForSync: false }), { input });
			expect(result.error).toBeUndefined();
			const out = result.json('FlexyKey');
			expect(out.map((row) => row.idNumber)).toEqual(['seq-1', 'seq-2']);
			if (dialect === 'a') {
				expect(out[1].push).toMatchObject({ status: 'queued' });
				expect((out[1].push as IDataObject).syncId).not.toBe((out[0].push as IDataObject).syncId);
			}
			// Two syncs were pushed, one per item (the simulator's own record).
			expect(new Set(fk().syncs(UNIT).map((sync) => sync.syncId)).size).toBe(2);
			expect(result.output('FlexyKey').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			const order = paths().filter((line) => !line.startsWith('GET'));
			expect(order).toEqual([
				'POST /UnitIdEntries 201',
				'POST /UnitSync/PushChanges 200',
				'POST /UnitIdEntries 201',
				'POST /UnitSync/PushChanges 409',
				'POST /UnitSync/PushChanges 200',
			]);
			// nobody waited for the second sync: it finishes on the simulator's own time
			await eventually(() => expect([entryBy('seq-1')?.unitSyncState, entryBy('seq-2')?.unitSyncState]).toEqual(['synced', 'synced']));
		});

		test('unit offline: the sync fails; the error names the step and the created entry that is pending sync', async () => {
			fk().setUnitOnline(UNIT, false);
			const result = await run(grant({ syncTimeout: 30 }));
			const id = entryBy('booking-9100')?.id;
			expect(id).toEqual(expect.any(Number));
			const syncId = fk().syncs(UNIT)[0].syncId;
			expect(result.error?.message).toMatch(new RegExp(`^Grant Access failed at step "Wait for Sync": FlexyKey sync ${syncId} on unit 3023 failed: ${escapeRegExp(OFFLINE_SYNC_FAILURE[dialect])}\\. `));
			expect(result.error?.message).toContain(`and sync ${syncId} was pushed`);
			expect(result.error?.message).toContain(`ID entry ${id} (ID Number "booking-9100") was created on unit 3023`);
			expect(result.error?.description).toContain('has not confirmed it');
			expect(result.error?.message).not.toMatch(new RegExp(String(entryBy('booking-9100')?.codeTag)));
			expect(entryBy('booking-9100')?.unitSyncState).toBe('changed');
		});

		test('unit offline with Continue On Fail: the item\'s output is the step error with the entry ID', async () => {
			fk().setUnitOnline(UNIT, false);
			const result = await run(grant({ syncTimeout: 30 }), { continueOnFail: true });
			expect(result.error).toBeUndefined();
			const [item] = result.output('FlexyKey');
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json.error).toMatch(/step "Wait for Sync".*ID entry \d+ \(ID Number "booking-9100"\) was created/);
		});

		test('unit offline with If Not Completed = Output the Status: output with synced false and outcome failed', async () => {
			fk().setUnitOnline(UNIT, false);
			const result = await run(grant({ syncTimeout: 30, ifNotCompleted: 'output' }));
			const [out] = result.json('FlexyKey');
			expect(out).toMatchObject({ synced: false, sync: { outcome: 'failed' }, entry: { idNumber: 'booking-9100' } });
			expect(fk().syncs(UNIT)[0].status).toBe('failed');
		});

		test('the push fails after the entry was created: the error names the step and the entry pending sync', async () => {
			handle.sim.config.flexykey.syncDurationMs = 600_000;
			await api('POST', '/UnitIdEntries', { unitId: UNIT, idNumber: 'other-change', action: 'R1' });
			await api('POST', '/UnitSync/PushChanges', { unitId: UNIT }); // a long sync already running
			const result = await run(grant({ syncTimeout: 2, syncPollInterval: 2 }));
			const id = entryBy('booking-9100')?.id;
			expect(result.error?.message).toMatch(/^Grant Access failed at step "Push Changes": .*\(HTTP 409\)\. ID entry \d+ \(ID Number "booking-9100"\) was created on unit 3023 and is pending sync/);
			expect(result.error?.message).toContain(`ID entry ${id} `);
			expect(result.error?.httpCode).toBe('409');
			expect(entryBy('booking-9100')?.unitSyncState).toBe('changed');
			await api('POST', '/UnitSync/Abort', { unitId: UNIT });
		});

		test('403: fails at the first step, nothing created', async () => {
			const result = await run(grant(), { user: 'other' });
			expect(result.error?.message).toMatch(/^Grant Access failed at step "Create ID Entry": .*Access denied.*\(HTTP 403\)\.$/);
			expect(result.error?.httpCode).toBe('403');
			expect(entryBy('booking-9100')).toBeUndefined();
		});

		test('409 duplicate ID number: a clear error; with On Duplicate = Update Existing the entry gets the new PIN and window', async () => {
			const duplicate = await run(grant({ idNumber: '+46701234567' }));
			expect(duplicate.error?.message).toMatch(/^Grant Access failed at step "Create ID Entry": ID Number "\+46701234567" already exists on unit 3023/);
			expect(fk().syncs(UNIT)).toEqual([]);

			const updated = await run(grant({ idNumber: '+46701234567', onDuplicate: 'update', pinSource: 'given', pin: '918273' }));
			const [out] = updated.json('FlexyKey');
			expect(out).toMatchObject({ entryId: 1001, updatedExisting: true, synced: true, entry: { id: 1001, codeTag: '918273', validFromIso: FROM_UTC } });
			expect(entryBy('+46701234567')).toMatchObject({ id: 1001, codeTag: '918273', validToIso: TO_UTC, unitSyncState: 'synced' });
		});

		const invalid: Array<[string, INodeParameters, RegExp]> = [
			['given PIN too short', grant({ pinSource: 'given', pin: '123' }), /^Given PIN: must be 4-7 digits \(got 3 characters\)$/],
			['given PIN not digits', grant({ pinSource: 'given', pin: '12ab56' }), /^Given PIN: must be 4-7 digits/],
			['PIN length 8', grant({ pinLength: '={{ 8 }}' }), /^PIN Length: must be a whole number from 4 to 7$/],
			['Valid From missing', grant({ validFromIso: '={{ "" }}' }), /^Valid From: is required/],
			['Valid To before Valid From', grant({ validToIso: '2026-05-01T13:00:00+02:00' }), /^Valid To: must be after Valid From/],
			['Valid To not ISO 8601', grant({ validToIso: 'tomorrow' }), /^Valid To: "tomorrow" is not an ISO 8601 date-time/],
			['ID Number over 20', grant({ idNumber: 'booking-123456789012345' }), /^ID Number: must be at most 20 characters/],
			['Name over 25', grant({ entryName: 'A very long guest name indeed' }), /^Name: must be at most 25 characters/],
			['Action invalid', grant({ entryAction: 'F1' }), /^Action: "F1" is not a relay/],
			['Poll interval under the cache guard', grant({ syncPollInterval: '={{ 1 }}' }), /^Poll Interval \(Seconds\): must be at least 2/],
		];
		test.each(invalid)('checked before any request: %s', async (_label, parameters, message) => {
			const result = await run(parameters);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toContain('item 0');
			expect(fk().requestLog).toEqual([]);
		});
	});
});

// Whatever shape the server gives the created or deleted entry (b wraps it as `{ status, idEntry }`),
// the node finds it: the entry ID it reports is the unit's real entry, and the grant then revoke completes.
eachDialect(handle, () => {
	test('Grant then Revoke Access: the entry is read from the answer in every dialect', async () => {
		const granted = await run(grant({ idNumber: 'dialect-9200' }));
		expect(granted.error).toBeUndefined();
		const [out] = granted.json('FlexyKey');
		const created = entryBy('dialect-9200');
		expect(created).toBeDefined();
		expect(out).toMatchObject({ entryId: created!.id, idNumber: 'dialect-9200', synced: true, entry: { id: created!.id, idNumber: 'dialect-9200' } });

		const revoked = await run({ operation: 'revoke', revokeBy: 'entryId', entryId: created!.id });
		expect(revoked.error).toBeUndefined();
		expect(revoked.json('FlexyKey')[0]).toMatchObject({ entryId: created!.id, removed: true, entry: { id: created!.id } });
		expect(entryBy('dialect-9200')).toBeUndefined();
	});
});

// As for Grant Access: the push answer passed through is checked in dialect a only.
eachDialect(handle, (dialect) => {
	describe('Revoke Access', () => {
		test('by ID number, waiting: the entry is removed from the unit', async () => {
			const result = await run({ operation: 'revoke', revokeBy: 'idNumber', idNumber: '0004398211' });
			expect(result.error).toBeUndefined();
			const [out] = result.json('FlexyKey');
			expect(out).toMatchObject({
				unitId: UNIT,
				entryId: 1003,
				idNumber: '0004398211',
				removed: true,
				alreadyMarked: false,
				entry: { id: 1003, unitSyncState: 'deleted' },
				sync: { outcome: 'completed', syncId: fk().syncs(UNIT)[0].syncId },
			});
			// With the assertion above, the whole of what dialect a's output was always checked for.
			if (dialect === 'a') expect(out).toMatchObject({ push: { status: 'queued', idEntries: 1 }, sync: { outcome: 'completed' } });
			expect(entryBy('0004398211')).toBeUndefined();
			expect(paths()).toEqual([
				'GET /UnitIdEntries 200',
				'DELETE /UnitIdEntries/1003 200',
				'POST /UnitSync/PushChanges 200',
				'GET /UnitSync/Status 200',
			]);
		});

		test('by entry ID, without waiting: marked for deletion and pushed', async () => {
			const result = await run({ operation: 'revoke', revokeBy: 'entryId', entryId: 1002, waitForSync: false });
			const [out] = result.json('FlexyKey');
			expect(out).toMatchObject({ entryId: 1002, idNumber: '+46709876543', removed: false, sync: null, entry: { unitSyncState: 'deleted' } });
			expect(entryBy('+46709876543')?.unitSyncState).toBe('deleted');
			expect(paths()).toEqual(['DELETE /UnitIdEntries/1002 200', 'POST /UnitSync/PushChanges 200']);
		});

		test('an entry already marked for deletion is not marked again; the push still runs', async () => {
			await api('DELETE', `/UnitIdEntries/1001?unitId=${UNIT}`);
			const result = await run({ operation: 'revoke', revokeBy: 'idNumber', idNumber: '+46701234567' });
			expect(result.json('FlexyKey')[0]).toMatchObject({ entryId: 1001, alreadyMarked: true, removed: true });
			expect(entryBy('+46701234567')).toBeUndefined();
		});

		test('an ID number that only matches partially is not revoked', async () => {
			const result = await run({ operation: 'revoke', revokeBy: 'idNumber', idNumber: '+4670123' });
			expect(result.error?.message).toBe('Revoke Access: no ID entry with ID Number "+4670123" on unit 3023');
			expect(result.error?.description).toContain('Nothing was changed');
			expect(paths()).toEqual(['GET /UnitIdEntries 200']);
			expect(entryBy('+46701234567')?.unitSyncState).toBe('synced');
		});

		test('404 for an unknown entry ID: fails at "Mark for Deletion"', async () => {
			const result = await run({ operation: 'revoke', revokeBy: 'entryId', entryId: 4242 });
			expect(result.error?.message).toMatch(/^Revoke Access failed at step "Mark for Deletion": .*ID entry not found: 4242 \(HTTP 404\)\.$/);
			expect(fk().syncs(UNIT)).toEqual([]);
		});

		test('unit offline: the error names the step and that the entry is marked but still on the unit', async () => {
			fk().setUnitOnline(UNIT, false);
			const result = await run({ operation: 'revoke', revokeBy: 'entryId', entryId: 1002, syncTimeout: 30 });
			expect(result.error?.message).toMatch(/^Revoke Access failed at step "Wait for Sync": .*failed.* ID entry 1002 \(ID Number "\+46709876543"\) is marked for deletion/);
			expect(result.error?.message).toContain(`failed: ${OFFLINE_SYNC_FAILURE[dialect]}. `);
			expect(result.error?.message).toContain(`and sync ${fk().syncs(UNIT)[0].syncId} was pushed`);
			expect(entryBy('+46709876543')?.unitSyncState).toBe('deleted');
		});

		test('validation before any request', async () => {
			const tooLong = await run({ operation: 'revoke', revokeBy: 'idNumber', idNumber: 'x'.repeat(21) });
			expect(tooLong.error?.message).toBe('ID Number: must be at most 20 characters (got 21)');
			const badId = await run({ operation: 'revoke', revokeBy: 'entryId', entryId: '={{ -5 }}' });
			expect(badId.error?.message).toBe('Entry ID: "-5" is not an entry ID (a positive whole number)');
			expect(fk().requestLog).toEqual([]);
		});
	});
});
