/**
 * FlexyKey Log Trigger: new log rows exactly once across polls, restarts and bursts over the 500-row
 * cap, rows a unit uploads late (after being offline) included, within a bounded memory. Failed polls:
 * failed-poll.test.ts.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { MAX_REMEMBERED_ROWS } from '../../../nodes/FlexyKey/FlexyKeyLogTrigger.node';
import type { SeenRows } from '../../../nodes/shared/look-back';
import { PollHarness } from '../../harness/poll-harness';
import { startReshapeProxy, type ReshapeProxy } from '../../harness/reshape-proxy';
import { eachDialect, useSimulator } from '../../harness/simulator';

const UNIT_PLAIN = 3023;
const UNIT_WEXP = 3024;
const UNIT_EVVA = 3025;

const unit = (value: string | number, mode: 'id' | 'serialNumber' | 'list' = 'id') => ({ unit: { __rl: true, mode, value: String(value) } });

interface SimLog {
	logId: number;
	unitId: number;
	atMs: number;
}

const handle = useSimulator();

// GET /Logs is an inferred shape: b answers `{ logs: [{ id, logType, text, … }] }`, minimal drops
// unitId and empty fields (docs/simulator.md). Rows are output as the API gave them.
eachDialect(handle, (dialect) => describe('FlexyKey Log Trigger', () => {
	/** The key the output rows carry the log id under, as the dialect's API gave them. */
	const logIdKey = dialect === 'b' ? 'id' : 'logId';
	const fk = () => handle.sim.flexykey;
	const logs = (unitId: number) => ((fk().state() as { logs: SimLog[] }).logs ?? []).filter((row) => row.unitId === unitId);
	/** Ids of every log row now, to tell the rows written after this point. */
	const knownIds = () => new Set(((fk().state() as { logs: SimLog[] }).logs ?? []).map((row) => row.logId));
	/** Rows of a unit written since `known`, in the order they were written. */
	const written = (unitId: number, known: Set<number>) => logs(unitId).filter((row) => !known.has(row.logId)).map((row) => row.logId);
	const logReads = () => fk().requestLog.filter((entry) => entry.method === 'GET' && entry.path === '/Logs');

	const trigger = (parameters: INodeParameters = {}) =>
		new PollHarness({ type: 'flexyKeyLogTrigger', name: 'Log Trigger', parameters: { units: { unit: [unit(UNIT_PLAIN)] }, ...parameters }, credentials: handle.credentials() });
	const ids = (items: IDataObject[] | null) => (items ?? []).map((row) => row[logIdKey] as number);

	test('baseline first; then each new row once, oldest first; then nothing', async () => {
		const poll = trigger({ units: { unit: [unit(UNIT_PLAIN), unit(UNIT_WEXP)] } });
		const first = await poll.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		const before = knownIds();

		fk().setInput(UNIT_PLAIN, 'I2', fk().ioState(UNIT_PLAIN).inputs.find((io) => io.globalNumber === 'I2')!.state === 'ON' ? 'OFF' : 'ON');
		fk().setInput(UNIT_WEXP, 'IX1', fk().ioState(UNIT_WEXP).xInputs.find((io) => io.globalNumber === 'IX1')!.state === 'ON' ? 'OFF' : 'ON');
		const newRows = [...written(UNIT_PLAIN, before), ...written(UNIT_WEXP, before)];
		expect(newRows).toHaveLength(2);

		const second = await poll.poll();
		expect(second.error).toBeUndefined();
		expect(ids(second.items)).toEqual(newRows);
		// The row as the API gave it: its raw shape only in dialect a; its text in every dialect.
		if (dialect === 'a') expect(second.items![0]).toMatchObject({ unitId: UNIT_PLAIN, eventType: 'input', message: expect.stringContaining('I2') });
		expect(JSON.stringify(second.items![0])).toContain('I2');
		expect(second.run?.json('Log Trigger')).toEqual(second.items);

		expect((await poll.poll()).items).toBeNull();
		expect((await poll.poll()).items).toBeNull();
	});

	test('a burst larger than the 500-row cap, read after a restart: every row once, no gaps, by narrowing the time window', async () => {
		const poll = trigger();
		await poll.poll();
		const before = knownIds();
		fk().addLogs(UNIT_PLAIN, 1_100, Date.now() - 1_800_000, Date.now());
		const burst = written(UNIT_PLAIN, before);
		expect(burst).toHaveLength(1_100);

		const restarted = poll.restart();
		const readsBefore = logReads().length;
		const tick = await restarted.poll();
		expect(tick.error).toBeUndefined();
		expect(ids(tick.items)).toEqual(burst);
		// Capped windows were narrowed and read again, not skipped.
		expect(logReads().length - readsBefore).toBeGreaterThanOrEqual(3);

		expect((await restarted.poll()).items).toBeNull();
		const again = restarted.restart();
		expect((await again.poll()).items).toBeNull();
	});

	test('rows stamped in the same second as the cursor: the ones already emitted are not emitted again', async () => {
		const poll = trigger();
		await poll.poll();
		const at = Date.now();
		const before = knownIds();
		fk().addLogs(UNIT_PLAIN, 3, at, at);
		const firstRows = written(UNIT_PLAIN, before);
		const firstBatch = await poll.poll();
		expect(ids(firstBatch.items)).toEqual(firstRows);
		const between = knownIds();
		fk().addLogs(UNIT_PLAIN, 2, at, at);
		const secondRows = written(UNIT_PLAIN, between);
		const secondBatch = await poll.restart().poll();
		expect(ids(secondBatch.items)).toEqual(secondRows);
		expect(secondRows).toHaveLength(2);
	});

	test('one second holding more rows than the cap: the poll ends, emits what the API returns, and moves on', async () => {
		const poll = trigger();
		await poll.poll();
		const at = Date.now();
		fk().addLogs(UNIT_PLAIN, 600, at, at);
		const tick = await poll.poll();
		expect(tick.error).toBeUndefined();
		expect(tick.items).toHaveLength(500);
		expect((await poll.poll()).items).toBeNull();
	});

	describe('rows that arrive late (a unit uploading its buffer after being offline)', () => {
		const MINUTE = 60_000;
		const HOUR = 60 * MINUTE;
		/** What the trigger remembers of the unit. */
		const memory = (poll: PollHarness) => (poll.nodeStaticData().cursors as Record<string, SeenRows>)[`unit:${UNIT_PLAIN}`];
		const rememberedRows = (poll: PollHarness) => Object.values(memory(poll).seen).reduce((sum, rowIds) => sum + rowIds.length, 0);

		/**
		 * The unit goes offline and writes `count` rows from `agoMs` before now, one a second (buffered,
		 * not in GET /Logs); it comes back reporting live first (one row, returned), its buffer not yet
		 * uploaded. `upload()` uploads it and returns the uploaded rows' ids, oldest first.
		 */
		const outage = (count: number, agoMs: number, row?: Parameters<ReturnType<typeof fk>['addLogs']>[4]) => {
			fk().setUnitOnline(UNIT_PLAIN, false);
			const at = Date.now() - agoMs;
			fk().addLogs(UNIT_PLAIN, count, at, at + (count - 1) * 1_000, row);
			expect(fk().bufferedLogs(UNIT_PLAIN)).toHaveLength(count);
			fk().setUnitOnline(UNIT_PLAIN, true, { uploadBuffer: false });
			const beforeLive = knownIds();
			fk().addLogs(UNIT_PLAIN, 1, Date.now(), Date.now());
			return {
				live: written(UNIT_PLAIN, beforeLive),
				upload() {
					const beforeUpload = knownIds();
					fk().setUnitOnline(UNIT_PLAIN, true);
					return written(UNIT_PLAIN, beforeUpload);
				},
			};
		};

		/** A baseline, an outage of `count` rows from `agoMs` ago, and the poll that emits the live row. */
		const liveEmitted = async (count: number, agoMs: number) => {
			const poll = trigger();
			await poll.poll();
			const { live, upload } = outage(count, agoMs);
			expect(ids((await poll.poll()).items)).toEqual(live);
			return { poll, upload };
		};

		test('the buffer uploaded after the live rows were emitted: each uploaded row once, oldest first, though older than rows already emitted; then nothing', async () => {
			const { poll, upload } = await liveEmitted(3, 20 * MINUTE);
			const uploaded = upload();
			expect(uploaded).toHaveLength(3);
			const tick = await poll.poll();
			expect(tick.error).toBeUndefined();
			expect(ids(tick.items)).toEqual(uploaded);
			expect((await poll.poll()).items).toBeNull();
			expect((await poll.poll()).items).toBeNull();
		});

		test('a restart before and after the upload keeps the guarantee: the uploaded rows once, nothing twice', async () => {
			const { poll, upload } = await liveEmitted(2, 3 * HOUR);
			const uploaded = upload();
			const restarted = poll.restart();
			expect(ids((await restarted.poll()).items)).toEqual(uploaded);
			const again = restarted.restart();
			expect((await again.poll()).items).toBeNull();
			expect((await again.poll()).items).toBeNull();
		});

		test('rows older than the look-back when they arrive are not emitted; rows within it are; nothing older than the look-back is remembered', async () => {
			const poll = trigger({ options: { lookBackHours: 1 } });
			await poll.poll();
			const windowStart = () => Date.now() - HOUR;
			expect(Date.parse(memory(poll).from)).toBeGreaterThanOrEqual(windowStart() - 1_000);

			const tooOld = outage(2, 2 * HOUR);
			expect(ids((await poll.poll()).items)).toEqual(tooOld.live);
			tooOld.upload();
			expect((await poll.poll()).items).toBeNull();

			const recent = outage(2, 30 * MINUTE);
			expect(ids((await poll.poll()).items)).toEqual(recent.live);
			const uploaded = recent.upload();
			expect(ids((await poll.poll()).items)).toEqual(uploaded);

			const seconds = Object.keys(memory(poll).seen).map((second) => Number(second) * 1_000);
			expect(seconds.length).toBeGreaterThan(0);
			expect(Math.min(...seconds)).toBeGreaterThanOrEqual(windowStart() - 1_000);
		});

		test('as the window moves, what fell out of it is forgotten (a restart with a shorter look-back)', async () => {
			const poll = trigger();
			await poll.poll();
			const at = Date.now();
			fk().addLogs(UNIT_PLAIN, 3, at - 5 * HOUR, at - 3 * HOUR);
			fk().addLogs(UNIT_PLAIN, 2, at - 30 * MINUTE, at - 20 * MINUTE);
			await poll.poll();
			const remembered = Object.keys(memory(poll).seen).map(Number);
			expect(Math.min(...remembered) * 1_000).toBeLessThan(at - 3 * HOUR);

			const shorter = poll.restart({ options: { lookBackHours: 1 } });
			expect((await shorter.poll()).items).toBeNull();
			const seconds = Object.keys(memory(shorter).seen).map((second) => Number(second) * 1_000);
			expect(Math.min(...seconds)).toBeGreaterThanOrEqual(at - HOUR - 1_000);
			expect(Date.parse(memory(shorter).from)).toBeGreaterThanOrEqual(at - HOUR - 1_000);
		});

		test(`the memory cap: more than ${MAX_REMEMBERED_ROWS} new rows are each emitted once, at most ${MAX_REMEMBERED_ROWS} are remembered, the static data stays small`, async () => {
			const poll = trigger();
			await poll.poll();
			const before = knownIds();
			const count = MAX_REMEMBERED_ROWS + 300;
			fk().addLogs(UNIT_PLAIN, count, Date.now() - 2 * HOUR, Date.now() - MINUTE);
			const added = written(UNIT_PLAIN, before);

			const tick = await poll.poll();
			expect(tick.error).toBeUndefined();
			expect(ids(tick.items)).toEqual(added);
			expect(rememberedRows(poll)).toBeLessThanOrEqual(MAX_REMEMBERED_ROWS);
			// The window starts after the forgotten rows: none of them can come back.
			expect(Date.parse(memory(poll).from)).toBeGreaterThan(Date.now() - 2 * HOUR);
			// About 27 bytes a row when each row has a second of its own (docs/nodes/flexykey-log-trigger.md).
			expect(JSON.stringify(poll.nodeStaticData()).length).toBeLessThan(140_000);

			expect((await poll.poll()).items).toBeNull();
			expect((await poll.restart().poll()).items).toBeNull();
		});
	});

	test('a cursor stored before the trigger looked back (time + ids) carries on: rows after it once, rows it covered never', async () => {
		const at = Math.floor(Date.now() / 1_000) * 1_000 - 10 * 60_000;
		const before = knownIds();
		fk().addLogs(UNIT_PLAIN, 1, at - 60_000, at - 60_000);
		fk().addLogs(UNIT_PLAIN, 2, at, at);
		fk().addLogs(UNIT_PLAIN, 1, at + 60_000, at + 60_000);
		const [older, covered, sameSecond, after] = written(UNIT_PLAIN, before);
		expect(older).toBeDefined();
		const cursor = { at: new Date(at).toISOString(), ids: [`log:${covered}`] };
		const poll = new PollHarness({
			type: 'flexyKeyLogTrigger',
			name: 'Log Trigger',
			parameters: { units: { unit: [unit(UNIT_PLAIN)] } },
			credentials: handle.credentials(),
			staticData: { 'node:Log Trigger': { cursors: { [`unit:${UNIT_PLAIN}`]: cursor } } },
		});
		expect(ids((await poll.poll()).items)).toEqual([sameSecond, after]);
		expect((poll.nodeStaticData().cursors as Record<string, IDataObject>)[`unit:${UNIT_PLAIN}`]).toHaveProperty('seen');
		expect((await poll.poll()).items).toBeNull();
	});

	test('Fetch Test Event while the workflow is active: a sample, and the remembered rows untouched', async () => {
		const poll = trigger();
		await poll.poll();
		const before = knownIds();
		fk().addLogs(UNIT_PLAIN, 1, Date.now(), Date.now());
		const [row] = written(UNIT_PLAIN, before);
		const stored = poll.nodeStaticData();
		const sample = await poll.manualPoll();
		expect(sample.error).toBeUndefined();
		expect(ids(sample.items)).toEqual([row]);
		expect(poll.nodeStaticData()).toEqual(stored);
		// Still new for the next scheduled poll.
		expect(ids((await poll.poll()).items)).toEqual([row]);
	});

	test('an Evva unit: a clear error when the workflow is activated, naming the unit', async () => {
		const tick = await trigger({ units: { unit: [unit(UNIT_EVVA)] } }).poll();
		// minimal's units carry no type: the unit read cannot tell, so the API's own 400 comes through
		expect(tick.error?.message).toBe(
			dialect === 'minimal'
				? `FlexyKey: Logs are not available for Evva AirKey units (unitId ${UNIT_EVVA}) (HTTP 400)`
				: `Units: unit ${UNIT_EVVA} is an EvvaAirKey unit; FlexyKey logs are not available for Evva units`,
		);
	});

	test('Fetch Test Event (manual mode): the newest row as a sample, no cursor stored', async () => {
		const poll = trigger();
		const run = await poll.fetchTestEvent();
		expect(run.error).toBeUndefined();
		const newest = logs(UNIT_PLAIN).sort((a, b) => b.atMs - a.atMs || b.logId - a.logId)[0];
		expect(ids(run.json('Log Trigger'))).toEqual([newest.logId]);
		expect(poll.nodeStaticData()).toEqual({});
	});
}));

describe('FlexyKey Log Trigger: a log shape nobody guessed', () => {
	let proxy: ReshapeProxy;
	beforeAll(async () => {
		proxy = await startReshapeProxy();
	});
	afterAll(async () => proxy.close());
	afterEach(() => proxy.clear());

	test('rows without a readable UTC time fail the poll with the endpoint and the keys seen, instead of emitting nothing', async () => {
		proxy.reshape('GET', '/Logs', (body) => (body as IDataObject[]).map(({ timestampIso, ...row }) => ({ ...row, time: `at ${String(timestampIso).slice(11, 16)}` })));
		const poll = new PollHarness({ type: 'flexyKeyLogTrigger', name: 'Log Trigger', parameters: { units: { unit: [unit(UNIT_PLAIN)] } }, credentials: proxy.credentials(handle.credentials()) });
		const tick = await poll.poll();
		expect(tick.error?.message).toMatch(/^FlexyKey: the answer to GET \/Logs is not in a shape this node can read: expected log rows with a UTC time \(timestampIso \/ .*\), got an array of \d+ \(first item's keys: .*\btime\b/);
		expect(poll.nodeStaticData()).toEqual({});
	});

	test('rows without a log ID keep their multiplicity: identical rows are as many items as rows, each once, late ones and restarts included', async () => {
		proxy.reshape('GET', '/Logs', (body) => (body as IDataObject[]).map(({ logId: _logId, ...row }) => row));
		const fk = handle.sim.flexykey;
		const poll = new PollHarness({ type: 'flexyKeyLogTrigger', name: 'Log Trigger', parameters: { units: { unit: [unit(UNIT_PLAIN)] } }, credentials: proxy.credentials(handle.credentials()) });
		expect((await poll.poll()).error).toBeUndefined();
		const forced = { eventType: 'alarm', message: 'Door forced open', idNumber: null, outputNumber: null };
		const doorForced = (items: IDataObject[] | null) => (items ?? []).filter((row) => row.message === forced.message && row.logId === undefined);
		const at = Math.floor(Date.now() / 1_000) * 1_000;

		fk.addLogs(UNIT_PLAIN, 2, at, at, forced);
		const first = await poll.poll();
		expect(first.items).toHaveLength(2);
		expect(doorForced(first.items)).toHaveLength(2);
		// A third identical row in the same second: one more item.
		fk.addLogs(UNIT_PLAIN, 1, at, at, forced);
		expect(doorForced((await poll.poll()).items)).toHaveLength(1);
		expect((await poll.poll()).items).toBeNull();

		// Three identical rows from an outage ten minutes ago, uploaded late, read after a restart.
		fk.setUnitOnline(UNIT_PLAIN, false);
		fk.addLogs(UNIT_PLAIN, 3, at - 600_000, at - 600_000, forced);
		fk.setUnitOnline(UNIT_PLAIN, true);
		const restarted = poll.restart();
		const late = await restarted.poll();
		expect(late.items).toHaveLength(3);
		expect(doorForced(late.items).map((row) => row.timestampIso)).toEqual(Array(3).fill(new Date(at - 600_000).toISOString().replace('.000Z', 'Z')));
		expect((await restarted.poll()).items).toBeNull();
		expect((await restarted.restart().poll()).items).toBeNull();
	});
});

describe('FlexyKey Log Trigger: Look-Back (Hours)', () => {
	test.each([0, 721, 1.5])('%s hours: a clear error naming the field, before any request', async (hours) => {
		const poll = new PollHarness({ type: 'flexyKeyLogTrigger', name: 'Log Trigger', parameters: { units: { unit: [unit(UNIT_PLAIN)] }, options: { lookBackHours: hours } }, credentials: handle.credentials() });
		const tick = await poll.poll();
		expect(tick.error?.message).toBe(`Options → Look-Back (Hours): must be a whole number of hours from 1 to 720, got ${hours}`);
		expect(handle.sim.flexykey.requestLog).toEqual([]);
		expect(poll.nodeStaticData()).toEqual({});
	});
});
