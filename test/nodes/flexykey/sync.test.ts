/** FlexyKey → Sync: Push Changes, Get Status, Abort, Push Changes and Wait, against the simulator (sync 300 ms, status cache 100 ms). */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { runWorkflow } from '../../harness/run-workflow';
import { TEST_SIM_CONFIG, eachDialect, type Dialect } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';
import { OFFLINE_SYNC_FAILURE, type RunOptions, escapeRegExp, unitRef, useFlexyKeyNode } from './helpers';

const flexyKey = useFlexyKeyNode();
const handle = flexyKey.handle;
const UNIT = 3023;
const unit = (value: string | number = UNIT, mode: 'id' | 'serialNumber' = 'id') => unitRef(value, mode);
const fk = () => handle.sim.flexykey;

const api = async (method: string, path: string, body?: unknown): Promise<IDataObject> => (await flexyKey.api<IDataObject>(method, path, body)).body;
const run = (parameters: INodeParameters, options?: RunOptions) => flexyKey.run({ resource: 'sync', unit: unit(), ...parameters }, options);


/** One pending change on the unit, made directly (not under test here). */
const pendingEntry = (idNumber = '+46705550101') => api('POST', '/UnitIdEntries', { unitId: UNIT, idNumber, action: 'R1' });
const statusReads = () => fk().requestLog.filter((entry) => entry.method === 'GET' && entry.path === '/UnitSync/Status');

afterEach(() => {
	Object.assign(handle.sim.config.flexykey, TEST_SIM_CONFIG.flexykey);
	fk().setUnitOnline(UNIT, true);
});

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(handle, (dialect) => {
	describe('Push Changes', () => {
		test('queues the pending changes and returns at once with the API answer', async () => {
			await pendingEntry();
			const result = await run({ operation: 'pushChanges' });
			// "At once": the node returned the push's own answer without reading the sync's progress.
			expect(statusReads()).toEqual([]);
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ status: 'queued', unitId: UNIT, syncId: expect.any(Number), idEntries: 1, packets: 1 })]);
			expect(result.json('FlexyKey')).toHaveLength(1);
			expect(syncIdIn(result.json('FlexyKey')[0])).toBe(fk().syncs(UNIT)[0].syncId);
			expect(result.output('FlexyKey')[0].pairedItem).toEqual({ item: 0 });
			expect(fk().syncs(UNIT)).toHaveLength(1);
		});

		test('with nothing pending no sync starts', async () => {
			const result = await run({ operation: 'pushChanges' });
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ status: 'noChanges', syncId: null })]);
			expect(result.json('FlexyKey')).toHaveLength(1);
			expect(fk().syncs(UNIT)).toEqual([]);
		});

		test('409 while a sync is running: a clear error that says what to do', async () => {
			await pendingEntry();
			await api('POST', '/UnitSync/PushChanges', { unitId: UNIT });
			await pendingEntry('+46705550102');
			const result = await run({ operation: 'pushChanges' });
			expect(result.error?.httpCode).toBe('409');
			expect(result.error?.message).toMatch(/already active.*\(HTTP 409\)/);
			expect(result.error?.description).toMatch(/A sync is already running on unit 3023.*Abort/);
			expect(fk().syncs(UNIT)).toHaveLength(1);
		});

		test('403 for another company, 404 for an unknown unit', async () => {
			await pendingEntry();
			const forbidden = await run({ operation: 'pushChanges' }, { user: 'other' });
			expect(forbidden.error?.httpCode).toBe('403');
			const missing = await run({ operation: 'pushChanges', unit: unit(9999) });
			expect(missing.error?.message).toMatch(/Unit not found: unit 9999 \(HTTP 404\)/);
			expect(fk().syncs(UNIT)).toEqual([]);
		});
	});

	describe('Get Status', () => {
		test('no sync: the normal "No active unit programming" answer', async () => {
			const result = await run({ operation: 'getStatus' });
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ unitId: UNIT, syncId: null, active: false, status: 'idle', message: 'No active unit programming' })]);
			// The documented general message sits at the top in every dialect.
			expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ message: 'No active unit programming' })]);
		});

		test('after a push: the running sync, for each unit of the input', async () => {
			// a sync that is still running when the node reads it, however slow the machine
			handle.sim.config.flexykey.syncDurationMs = 600_000;
			await pendingEntry();
			const push = await api('POST', '/UnitSync/PushChanges', { unitId: UNIT });
			const result = await run({ operation: 'getStatus', unit: unit('={{ $json.unitId }}') }, { input: [{ unitId: UNIT }, { unitId: 3024 }] });
			const [mine, other] = result.json('FlexyKey');
			if (dialect === 'a') expect(mine).toMatchObject({ unitId: UNIT, syncId: push.syncId, active: true });
			if (dialect === 'a') expect(other).toMatchObject({ unitId: 3024, syncId: null, active: false });
			expect(syncIdIn(mine)).toBe(push.syncId);
			expect(syncIdIn(other) ?? null).toBeNull();
			expect(result.output('FlexyKey').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		test('401 with a wrong password', async () => {
			const credentials = handle.credentials();
			const result = await runWorkflow(chain({ name: 'FlexyKey', type: 'flexyKey', parameters: { resource: 'sync', operation: 'getStatus', unit: unit() } }), {
				credentials: { ...credentials, flexyKeyApi: { ...credentials.flexyKeyApi, password: 'nope' } },
			});
			expect(result.error?.httpCode).toBe('401');
		});
	});

	describe('Abort', () => {
		test('stops the active sync; the changes stay pending', async () => {
			// still running when the node aborts it, however slow the machine
			handle.sim.config.flexykey.syncDurationMs = 15_000;
			await pendingEntry();
			const push = await api('POST', '/UnitSync/PushChanges', { unitId: UNIT });
			const result = await run({ operation: 'abort' });
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ status: 'aborted', syncId: push.syncId, clearedPackets: 1 })]);
			// aborted, not running on: the rows it carried stay changed (that they stay so once its time would
			// have run out is the simulator's contract, test/simulator/flexykey-sync.test.ts on its ManualClock)
			expect(fk().syncs(UNIT)[0]).toMatchObject({ status: 'aborted', endedMs: expect.any(Number) });
			expect(fk().entries(UNIT).find((entry) => entry.idNumber === '+46705550101')?.unitSyncState).toBe('changed');
		});

		test('with no active sync: the API\'s normal answer', async () => {
			const result = await run({ operation: 'abort' });
			if (dialect === 'a') expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ status: 'noActiveSync', syncId: null })]);
			expect(result.json('FlexyKey')).toHaveLength(1);
			expect(fk().syncs(UNIT)).toEqual([]);
		});
	});
});

/** A failed sync's whole error message in a dialect (the unit offline, one entry pending). */
const failedSync = (dialect: Dialect) => new RegExp(`^FlexyKey sync \\d+ on unit 3023 failed: ${escapeRegExp(OFFLINE_SYNC_FAILURE[dialect])}$`);

/** The sync the simulator ran for the unit (its own state, not an API answer). */
const simSync = (index = 0) => fk().syncs(UNIT)[index];

// The outcome, syncId, statuses kept and error messages are the node's own and checked in every dialect;
// the raw push and status answers it passes through (`push: { status: 'queued', packets }`, `finalStatus`)
// are dialect a's shapes and checked in a only.
eachDialect(handle, (dialect) => {
	describe('Push Changes and Wait', () => {
		test('waits until completed, reading the status no faster than the 2 s cache guard', async () => {
			await pendingEntry();
			await api('DELETE', `/UnitIdEntries/1003?unitId=${UNIT}`);
			const result = await run({ operation: 'pushAndWait', syncTimeout: 30, syncPollInterval: 2 });
			expect(result.error).toBeUndefined();
			const [out] = result.json('FlexyKey');
			expect(out).toMatchObject({ outcome: 'completed', unitId: UNIT, syncId: simSync().syncId });
			expect(simSync()).toMatchObject({ status: 'completed', packetsTotal: 2 });
			if (dialect === 'a') {
				const syncId = (out.push as IDataObject).syncId;
				expect(out).toMatchObject({ outcome: 'completed', unitId: UNIT, syncId, push: { status: 'queued', packets: 2 } });
				expect(out.finalStatus).toMatchObject({ syncId, status: 'completed', percent: 100, active: false });
			}
			expect(out.progress).toEqual([out.finalStatus]);
			expect(out.elapsedMs).toBeGreaterThanOrEqual(2000);
			expect(statusReads()).toHaveLength(1);
			const entries = fk().entries(UNIT);
			expect(entries.map((entry) => entry.id)).not.toContain(1003);
			expect(entries.every((entry) => entry.unitSyncState === 'synced')).toBe(true);
		});

		test('a stale cached status from before the push (other syncId) is not taken for this sync', async () => {
			handle.sim.config.flexykey.statusCacheMs = 5_000;
			await pendingEntry();
			await api('GET', `/UnitSync/Status?unitId=${UNIT}`); // cached: idle, syncId null, for 5 s
			const result = await run({ operation: 'pushAndWait', syncTimeout: 30, syncPollInterval: 2 });
			const [out] = result.json('FlexyKey');
			expect(out.outcome).toBe('completed');
			expect(out.syncId).toBe(simSync().syncId);
			expect(statusReads().length).toBeGreaterThanOrEqual(4);
			// Every status kept is this sync's, wherever the dialect put its syncId.
			expect((out.progress as IDataObject[]).map((status) => syncIdIn(status))).toEqual((out.progress as IDataObject[]).map(() => out.syncId));
			if (dialect === 'a') expect((out.progress as IDataObject[]).every((status) => status.syncId === out.syncId)).toBe(true);
			expect(fk().entries(UNIT).every((entry) => entry.unitSyncState === 'synced')).toBe(true);
		});

		test('nothing pending: outcome noChanges at once, no status polling', async () => {
			const result = await run({ operation: 'pushAndWait' });
			expect(result.json('FlexyKey')).toEqual([expect.objectContaining({ outcome: 'noChanges', syncId: null, progress: [], finalStatus: null })]);
			expect(statusReads()).toEqual([]);
			expect(fk().syncs(UNIT)).toEqual([]);
		});

		test('the unit is offline: the sync fails and the item fails with the reason', async () => {
			await pendingEntry();
			fk().setUnitOnline(UNIT, false);
			const result = await run({ operation: 'pushAndWait', syncTimeout: 30 });
			expect(result.error?.message).toMatch(failedSync(dialect));
			expect(result.error?.message).not.toMatch(/failed: failed/i);
			expect(result.error?.description).toContain('stay pending');
			expect(fk().syncs(UNIT)[0].status).toBe('failed');
			expect(fk().entries(UNIT).find((entry) => entry.idNumber === '+46705550101')?.unitSyncState).toBe('changed');
		});

		test('the unit is offline, with Continue On Fail: the error is the item\'s output', async () => {
			await pendingEntry();
			fk().setUnitOnline(UNIT, false);
			const result = await run({ operation: 'pushAndWait', syncTimeout: 30 }, { continueOnFail: true });
			expect(result.error).toBeUndefined();
			expect(result.output('FlexyKey')).toEqual([{ json: expect.objectContaining({ error: expect.stringMatching(failedSync(dialect)) }), pairedItem: { item: 0 } }]);
		});

		test('the unit is offline, with If Not Completed = Output the Status: outcome failed and the statuses seen', async () => {
			await pendingEntry();
			fk().setUnitOnline(UNIT, false);
			const result = await run({ operation: 'pushAndWait', syncTimeout: 30, ifNotCompleted: 'output' });
			const [out] = result.json('FlexyKey');
			expect(out).toMatchObject({ outcome: 'failed', syncId: simSync().syncId });
			if (dialect === 'a') expect(out).toMatchObject({ outcome: 'failed', finalStatus: { status: 'failed', resultMessage: expect.stringMatching(/Unit did not respond/) } });
			if (dialect !== 'minimal') expect(JSON.stringify(out.finalStatus)).toMatch(/Unit did not respond/);
			expect(out.progress).toHaveLength(1);
		});

		test('timeout: a clear error while the sync still runs', async () => {
			// running (past its first tenth) when read at 2 s, and far from done when the node gives up at 3 s
			handle.sim.config.flexykey.syncDurationMs = 15_000;
			await pendingEntry();
			const result = await run({ operation: 'pushAndWait', syncTimeout: 3, syncPollInterval: 2 });
			expect(simSync().endedMs).toBeNull();
			// the server's status word as it came (b: `Running`, minimal: `RUNNING`); `minimal` sends no percent
			const running = { a: 'running', b: 'Running', minimal: 'RUNNING' }[dialect];
			expect(result.error?.message).toMatch(new RegExp(`^FlexyKey sync \\d+ on unit 3023 did not finish within 3 s \\(last status: ${running}, `));
			if (dialect !== 'minimal') expect(result.error?.message).toMatch(new RegExp(`^FlexyKey sync \\d+ on unit 3023 did not finish within 3 s \\(last status: ${running}, \\d+%`));
			expect(result.error?.description).toContain('It may still complete');
			expect(statusReads()).toHaveLength(1);
			expect(simSync().status).toBe('running');
			await api('POST', '/UnitSync/Abort', { unitId: UNIT });
		});

		test('timeout with If Not Completed = Output the Status: outcome timedOut and the last status', async () => {
			handle.sim.config.flexykey.syncDurationMs = 15_000;
			await pendingEntry();
			const result = await run({ operation: 'pushAndWait', syncTimeout: 2, syncPollInterval: 2, ifNotCompleted: 'output' });
			const [out] = result.json('FlexyKey');
			expect(out).toMatchObject({ outcome: 'timedOut', syncId: simSync().syncId });
			expect(out.progress).toEqual([out.finalStatus]);
			if (dialect === 'a') expect(out).toMatchObject({ outcome: 'timedOut', finalStatus: { active: true, status: 'running' } });
			await api('POST', '/UnitSync/Abort', { unitId: UNIT });
		});

		test('a sync already running: waits for it, then pushes its own and waits for that', async () => {
			await pendingEntry();
			const first = await api('POST', '/UnitSync/PushChanges', { unitId: UNIT });
			await pendingEntry('+46705550102');
			const result = await run({ operation: 'pushAndWait', syncTimeout: 30 });
			const [out] = result.json('FlexyKey');
			expect(out.outcome).toBe('completed');
			expect(out.syncId).not.toBe(first.syncId);
			expect(out.syncId).toBe(simSync(1).syncId);
			expect(fk().syncs(UNIT).map((sync) => sync.status)).toEqual(['completed', 'completed']);
			expect(fk().entries(UNIT).find((entry) => entry.idNumber === '+46705550102')?.unitSyncState).toBe('synced');
		});

		test('poll interval and timeout are checked before anything is sent', async () => {
			const tooFast = await run({ operation: 'pushAndWait', syncPollInterval: '={{ 1 }}' });
			expect(tooFast.error?.message).toBe('Poll Interval (Seconds): must be at least 2 (the status cache guard)');
			const tooShort = await run({ operation: 'pushAndWait', syncTimeout: '={{ 3 }}', syncPollInterval: 5 });
			expect(tooShort.error?.message).toBe('Timeout (Seconds): must be at least the poll interval (5 s)');
			expect(fk().requestLog).toEqual([]);
		});
	});
});

/** The `syncId` a status answer carries at its top or one object level down (dialect b nests it under `sync`). */
function syncIdIn(status: IDataObject): unknown {
	if (status.syncId !== undefined) return status.syncId;
	const nested = Object.values(status).find((value): value is IDataObject => typeof value === 'object' && value !== null && 'syncId' in value);
	return nested?.syncId;
}
