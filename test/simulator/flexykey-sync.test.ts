/** FlexyKey simulator contract: PushChanges → Status progression → completed / aborted / failed, and the status cache guard. */
import { FAST, UNIT_PLAIN, UNIT_WEXP, useFlexyKey } from './flexykey-helpers';

// syncDurationMs 200, statusCacheMs 100
const fk = useFlexyKey(FAST, { manualClock: true });

interface SyncStatus {
	unitId: number;
	syncId: number | null;
	active: boolean;
	status: string;
	message: string;
	resultMessage: string | null;
	percent: number;
	packetsTotal: number;
	packetsSent: number;
	packetsPending: number;
	statusTimestampIso: string;
	isCached: boolean;
}

const push = (unitId = UNIT_PLAIN) => fk.call('POST', '/UnitSync/PushChanges', { unitId });
const status = (unitId = UNIT_PLAIN) => fk.call<SyncStatus>('GET', `/UnitSync/Status?unitId=${unitId}`);
/** Waits out the cache guard, then reads a fresh status. */
const freshStatus = async (unitId = UNIT_PLAIN) => {
	fk.clock.advance(110);
	return (await status(unitId)).body;
};

async function makeChanges(): Promise<void> {
	await fk.call('POST', '/UnitIdEntries', { unitId: UNIT_PLAIN, idNumber: '+46705550101', action: 'R1' });
	await fk.call('PUT', '/UnitIdEntries/1001', { unitId: UNIT_PLAIN, action: 'R2' });
	await fk.call('DELETE', `/UnitIdEntries/1003?unitId=${UNIT_PLAIN}`);
	await fk.call('PUT', '/UnitSettings', { unitId: UNIT_PLAIN, setting: 'WifiMode', value: 'AP' });
}

describe('GET /UnitSync/Status without a sync', () => {
	test('a normal 200 answer: No active unit programming', async () => {
		const res = await status();
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ unitId: UNIT_PLAIN, syncId: null, active: false, status: 'idle', message: 'No active unit programming', isCached: false });
	});

	test('PushChanges with nothing pending starts no sync', async () => {
		const res = await push();
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'noChanges', syncId: null, idEntries: 0, settings: 0 });
		expect(fk.sim.flexykey.syncs(UNIT_PLAIN)).toEqual([]);
	});
});

describe('a sync that completes', () => {
	test('returns at once, progresses, then settles the rows it carried', async () => {
		await makeChanges();
		// the simulator's clock stands still until advanced: a push that waited for its sync would never answer
		const res = await push();
		expect(res.status).toBe(200);
		expect(res.body).toEqual(expect.objectContaining({ status: 'queued', unitId: UNIT_PLAIN, syncId: expect.any(Number), idEntries: 3, settings: 1, packets: 4 }));

		const first = (await status()).body;
		expect(first).toMatchObject({ syncId: res.body.syncId, active: true, message: expect.not.stringMatching(/No active/), packetsTotal: 4 });
		expect(['queued', 'running']).toContain(first.status);

		const middle = await freshStatus();
		expect(middle).toMatchObject({ active: true, status: 'running', isCached: false });
		expect(middle.percent).toBeGreaterThan(0);
		expect(middle.percent).toBeLessThan(100);
		expect(middle.packetsSent).toBeLessThan(4);
		expect(middle.packetsPending).toBe(4 - middle.packetsSent);
		expect(fk.sim.flexykey.entries(UNIT_PLAIN).map((entry) => entry.unitSyncState)).toEqual(['changed', 'synced', 'deleted', 'changed']);

		fk.clock.advance(150);
		const done = await freshStatus();
		expect(done).toMatchObject({ syncId: res.body.syncId, active: false, status: 'completed', message: 'No active unit programming', percent: 100, packetsSent: 4, packetsPending: 0 });

		const entries = fk.sim.flexykey.entries(UNIT_PLAIN);
		expect(entries.map((entry) => entry.id)).not.toContain(1003);
		expect(entries.every((entry) => entry.unitSyncState === 'synced')).toBe(true);
		expect(fk.sim.flexykey.settings(UNIT_PLAIN).every((row) => row.unitSyncState === 'synced')).toBe(true);
		const logs = (await fk.call<Array<{ eventType: string; message: string }>>('GET', `/Logs?unitId=${UNIT_PLAIN}`)).body;
		expect(logs[0]).toMatchObject({ eventType: 'sync', message: expect.stringMatching(/completed/) });
	});

	test('a row changed again during the sync stays changed', async () => {
		await fk.call('PUT', '/UnitIdEntries/1001', { unitId: UNIT_PLAIN, action: 'R2' });
		await push();
		await fk.call('PUT', '/UnitIdEntries/1001', { unitId: UNIT_PLAIN, action: 'G5' });
		fk.clock.advance(300);
		expect((await freshStatus()).status).toBe('completed');
		expect(fk.sim.flexykey.entries(UNIT_PLAIN).find((entry) => entry.id === 1001)).toMatchObject({ action: 'G5', unitSyncState: 'changed' });
	});

	test('a second push while one is active is 409', async () => {
		await makeChanges();
		await push();
		const again = await push();
		expect(again.status).toBe(409);
		expect(again.body).toEqual({ status: 409, message: expect.stringMatching(/already active/) });
	});

	test('a sync on one unit leaves the others alone', async () => {
		await makeChanges();
		await fk.call('PUT', '/UnitIdEntries/1004', { unitId: UNIT_WEXP, action: 'R2' });
		await push();
		fk.clock.advance(300);
		expect(fk.sim.flexykey.entries(UNIT_WEXP)[0].unitSyncState).toBe('changed');
		expect((await freshStatus(UNIT_WEXP)).status).toBe('idle');
	});
});

describe('status cache guard', () => {
	test('repeated calls within statusCacheMs return the cached status, flagged isCached', async () => {
		const first = (await status()).body;
		const second = (await status()).body;
		expect(first.isCached).toBe(false);
		expect(second).toEqual({ ...first, isCached: true });
		fk.clock.advance(110);
		expect((await status()).body.isCached).toBe(false);
	});

	test('the guard also hides a sync pushed within it: poll until the syncId shows', async () => {
		await makeChanges();
		await status();
		const pushed = await push();
		const cached = (await status()).body;
		expect(cached).toMatchObject({ isCached: true, syncId: null, status: 'idle' });
		expect((await freshStatus()).syncId).toBe(pushed.body.syncId);
	});
});

describe('POST /UnitSync/Abort', () => {
	test('stops the active sync and clears pending packets; rows stay changed', async () => {
		await makeChanges();
		const pushed = await push();
		const res = await fk.call('POST', '/UnitSync/Abort', { unitId: UNIT_PLAIN });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'aborted', unitId: UNIT_PLAIN, syncId: pushed.body.syncId, clearedPackets: expect.any(Number) });
		expect(res.body.clearedPackets).toBeGreaterThan(0);
		fk.clock.advance(250);
		expect(await freshStatus()).toMatchObject({ active: false, status: 'aborted', message: 'No active unit programming', packetsPending: 0 });
		expect(fk.sim.flexykey.entries(UNIT_PLAIN).map((entry) => entry.unitSyncState)).toEqual(['changed', 'synced', 'deleted', 'changed']);
		// a new push can start after an abort
		expect((await push()).body).toMatchObject({ status: 'queued' });
	});

	test('without an active sync it answers 200 No active unit programming', async () => {
		const res = await fk.call('POST', '/UnitSync/Abort', { unitId: UNIT_PLAIN });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'noActiveSync', message: 'No active unit programming', clearedPackets: 0 });
	});
});

describe('a sync to an offline unit', () => {
	test('makes no progress and ends failed; rows stay changed; works again once online', async () => {
		await makeChanges();
		fk.sim.flexykey.setUnitOnline(UNIT_PLAIN, false);
		await push();
		expect(await freshStatus()).toMatchObject({ active: true, percent: 0, packetsSent: 0 });
		fk.clock.advance(150);
		const failed = await freshStatus();
		expect(failed).toMatchObject({ active: false, status: 'failed', resultMessage: expect.stringMatching(/did not respond/) });
		expect(fk.sim.flexykey.entries(UNIT_PLAIN).filter((entry) => entry.unitSyncState !== 'synced')).toHaveLength(3);

		fk.sim.flexykey.setUnitOnline(UNIT_PLAIN, true);
		await push();
		fk.clock.advance(300);
		expect((await freshStatus()).status).toBe('completed');
	});
});

describe('errors', () => {
	test.each([
		['POST', '/UnitSync/PushChanges', {}, 400],
		['POST', '/UnitSync/PushChanges', { unitId: 'x' }, 400],
		['POST', '/UnitSync/PushChanges', { unitId: 9999 }, 404],
		['POST', '/UnitSync/Abort', {}, 400],
		['POST', '/UnitSync/Abort', { unitId: 9999 }, 404],
		['GET', '/UnitSync/Status', undefined, 400],
		['GET', '/UnitSync/Status?unitId=9999', undefined, 404],
	])('%s %s %j → %i', async (method, path, body, code) => {
		const res = await fk.call(method, path, body);
		expect(res.body).toEqual({ status: code, message: expect.any(String) });
	});

	test('other company 403 on push, status and abort', async () => {
		expect((await fk.call('POST', '/UnitSync/PushChanges', { unitId: UNIT_PLAIN }, { user: 'other' })).status).toBe(403);
		expect((await fk.call('GET', `/UnitSync/Status?unitId=${UNIT_PLAIN}`, undefined, { user: 'other' })).status).toBe(403);
		expect((await fk.call('POST', '/UnitSync/Abort', { unitId: UNIT_PLAIN }, { user: 'other' })).status).toBe(403);
	});
});
