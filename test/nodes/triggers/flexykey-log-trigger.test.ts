/** FlexyKey Log Trigger: new log rows exactly once across polls, restarts, failures and bursts over the 500-row cap. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
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
	const cursorMs = (poll: PollHarness, key = `unit:${UNIT_PLAIN}`) => Date.parse(((poll.nodeStaticData().cursors as IDataObject)[key] as { at: string }).at);
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
		const from = cursorMs(poll);
		const before = knownIds();
		fk().addLogs(UNIT_PLAIN, 1_100, from, Date.now());
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

	test('a failed poll (HTTP 500) emits nothing and keeps the cursor; the next poll emits the rows once', async () => {
		const poll = trigger();
		await poll.poll();
		const before = knownIds();
		fk().setInput(UNIT_PLAIN, 'I1', fk().ioState(UNIT_PLAIN).inputs.find((io) => io.globalNumber === 'I1')!.state === 'ON' ? 'OFF' : 'ON');

		await poll.failingPoll(handle.sim);

		expect(ids((await poll.poll()).items)).toEqual(written(UNIT_PLAIN, before));
		expect(written(UNIT_PLAIN, before)).toHaveLength(1);
		expect((await poll.poll()).items).toBeNull();
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

	test('rows without a readable UTC time fail the poll with the endpoint and the keys seen, instead of emitting nothing', async () => {
		proxy.reshape('GET', '/Logs', (body) => (body as IDataObject[]).map(({ timestampIso, ...row }) => ({ ...row, time: `at ${String(timestampIso).slice(11, 16)}` })));
		const poll = new PollHarness({ type: 'flexyKeyLogTrigger', name: 'Log Trigger', parameters: { units: { unit: [unit(UNIT_PLAIN)] } }, credentials: proxy.credentials(handle.credentials()) });
		const tick = await poll.poll();
		expect(tick.error?.message).toMatch(/^FlexyKey: the answer to GET \/Logs is not in a shape this node can read: expected log rows with a UTC time \(timestampIso \/ .*\), got an array of \d+ \(first item's keys: .*\btime\b/);
		expect(poll.nodeStaticData()).toEqual({});
	});
});
