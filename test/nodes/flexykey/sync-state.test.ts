/** FlexyKey → Sync State (server-side Tools): ID Entries, Settings, All Unit Data. */
import type { INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../harness/run-workflow';
import { chain } from '../../harness/workflow-builder';
import { type RunOptions, unitRef, useFlexyKeyNode } from './helpers';
import { eachDialect } from '../../harness/simulator';

const flexyKey = useFlexyKeyNode();
const handle = flexyKey.handle;
const UNIT = 3023;
const unit = (value: string | number = UNIT, mode: 'id' | 'serialNumber' = 'id') => unitRef(value, mode);
const fk = () => handle.sim.flexykey;

const run = (parameters: INodeParameters, options?: RunOptions) => flexyKey.run({ resource: 'syncState', unit: unit(), ...parameters }, options);

const entryStates = (unitId = UNIT) => Object.fromEntries(fk().entries(unitId).map((entry) => [entry.id, entry.unitSyncState]));
const settingStates = (unitId = UNIT) => fk().settings(unitId).map((row) => `${row.setting}${row.params ? `(${row.params})` : ''}=${row.unitSyncState}`);

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(handle, (dialect) => {
	describe('ID Entries', () => {
		test('all entries of the unit', async () => {
			const result = await run({ operation: 'idEntries', syncStateScope: 'all', unitSyncState: 'changed' });
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([{ status: 'OK', unitId: UNIT, unitSyncState: 'changed', idEntries: 3 }]);
			expect(entryStates()).toEqual({ 1001: 'changed', 1002: 'changed', 1003: 'changed' });
			expect(entryStates(3024)).toEqual({ 1004: 'synced' });
			expect(fk().requestLog.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /Tools/IdEntriesSyncState']);
		});

		test('one entry, by serial number', async () => {
			const result = await run({ operation: 'idEntries', unit: unit('1720041130', 'serialNumber'), syncStateScope: 'one', entryId: 1002, unitSyncState: 'deleted' });
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([{ status: 'OK', unitId: UNIT, unitSyncState: 'deleted', idEntries: 1 }]);
			expect(entryStates()).toEqual({ 1001: 'synced', 1002: 'deleted', 1003: 'synced' });
		});

		test('404 for an entry that is not on the unit', async () => {
			const result = await run({ operation: 'idEntries', syncStateScope: 'one', entryId: 1004, unitSyncState: 'changed' });
			expect(result.error?.message).toMatch(/ID entry 1004 not found on unit 3023 \(HTTP 404\)/);
			expect(entryStates(3024)).toEqual({ 1004: 'synced' });
		});

		test('403 for another company', async () => {
			const result = await run({ operation: 'idEntries', syncStateScope: 'all', unitSyncState: 'changed' }, { user: 'other' });
			expect(result.error?.httpCode).toBe('403');
			expect(Object.values(entryStates())).toEqual(['synced', 'synced', 'synced']);
		});

		test('Entry ID is checked before sending', async () => {
			const result = await run({ operation: 'idEntries', syncStateScope: 'one', entryId: '={{ "x1" }}', unitSyncState: 'changed' });
			expect(result.error?.message).toBe('Entry ID: "x1" is not an entry ID (a positive whole number)');
			expect(fk().requestLog).toEqual([]);
		});
	});

	describe('Settings', () => {
		test('all approved settings of the unit', async () => {
			const result = await run({ operation: 'settings', syncStateScope: 'all', unitSyncState: 'changed' });
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([{ status: 'OK', unitId: UNIT, unitSyncState: 'changed', settings: 3 }]);
			expect(settingStates()).toEqual(['DefaultRelayPulse(R1)=changed', 'WifiMode=changed', 'WifiName=changed']);
			expect(settingStates(3024)).toEqual(['DefaultRelayPulse(R1)=synced']);
		});

		test('one setting with its params, one item per input item', async () => {
			const result = await run(
				{ operation: 'settings', syncStateScope: 'one', syncStateSetting: '={{ $json.setting }}', syncStateParams: '={{ $json.params }}', unitSyncState: 'changed' },
				{ input: [{ setting: 'DefaultRelayPulse', params: 'R1' }, { setting: 'WifiName', params: '' }] },
			);
			if (dialect === 'a') {
				expect(result.json('FlexyKey')).toEqual([
					{ status: 'OK', unitId: UNIT, unitSyncState: 'changed', settings: 1 },
					{ status: 'OK', unitId: UNIT, unitSyncState: 'changed', settings: 1 },
				]);
			}
			expect(result.output('FlexyKey').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(settingStates()).toEqual(['DefaultRelayPulse(R1)=changed', 'WifiMode=synced', 'WifiName=changed']);
		});

		test('400 for a setting that is not approved; the vendor message is passed on', async () => {
			const result = await run({ operation: 'settings', syncStateScope: 'one', syncStateSetting: 'SecretThing', unitSyncState: 'changed' });
			expect(result.error?.message).toMatch(/setting SecretThing is not an approved setting.*\(HTTP 400\)/);
		});

		test('an empty setting name is refused before sending', async () => {
			const result = await run({ operation: 'settings', syncStateScope: 'one', syncStateSetting: '={{ "" }}', unitSyncState: 'changed' });
			expect(result.error?.message).toBe('Setting: is required');
			expect(fk().requestLog).toEqual([]);
		});
	});

	describe('All Unit Data', () => {
		test('every ID entry and setting of the unit, then a push sends them all again', async () => {
			const result = await run({ operation: 'allUnitData', unitSyncState: 'changed' });
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([{ status: 'OK', unitId: UNIT, unitSyncState: 'changed', idEntries: 3, settings: 3 }]);
			expect(Object.values(entryStates())).toEqual(['changed', 'changed', 'changed']);
			expect(settingStates().every((row) => row.endsWith('=changed'))).toBe(true);
			const push = await runWorkflow(chain({ name: 'Push', type: 'flexyKey', parameters: { resource: 'sync', operation: 'pushChanges', unit: unit() } }), { credentials: handle.credentials() });
			if (dialect === 'a') expect(push.json('Push')[0]).toMatchObject({ status: 'queued', idEntries: 3, settings: 3 });
			expect(fk().syncs(UNIT)).toEqual([expect.objectContaining({ idEntries: 3, settings: 3 })]);
		});

		test('"synced" marks pending changes as already on the unit', async () => {
			await run({ operation: 'idEntries', syncStateScope: 'all', unitSyncState: 'changed' });
			const result = await run({ operation: 'allUnitData', unitSyncState: 'synced' });
			if (dialect === 'a') expect(result.json('FlexyKey')[0]).toMatchObject({ unitSyncState: 'synced' });
			expect(Object.values(entryStates())).toEqual(['synced', 'synced', 'synced']);
		});

		test('a sync state outside the list (from an expression) is refused before sending', async () => {
			const result = await run({ operation: 'allUnitData', unitSyncState: '={{ "pending" }}' });
			expect(result.error?.message).toBe('Sync State: "pending" is not one of changed, deleted, synced');
			expect(fk().requestLog).toEqual([]);
		});

		test('404 for an unknown unit', async () => {
			const result = await run({ operation: 'allUnitData', unit: unit(4040), unitSyncState: 'changed' });
			expect(result.error?.httpCode).toBe('404');
		});
	});
});
