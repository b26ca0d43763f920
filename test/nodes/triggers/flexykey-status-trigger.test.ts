/** FlexyKey Status Trigger: polls GET /Control and emits one item per IO change, driven like n8n drives polling nodes. */
import type { INodeParameters } from 'n8n-workflow';
import { flexyKeyUsers } from '../../../simulator/demo-credentials';
import { PollHarness } from '../../harness/poll-harness';
import { startReshapeProxy } from '../../harness/reshape-proxy';
import { eachDialect, useSimulator } from '../../harness/simulator';

const UNIT_PLAIN = 3023;
const UNIT_WEXP = 3024;
const WEXP_SERIAL = '2110230045';

const unit = (value: string | number, mode: 'id' | 'serialNumber' | 'list' = 'id') => ({ unit: { __rl: true, mode, value: String(value) } });

const handle = useSimulator();

// GET /Control is documented and the same in every dialect, but its IO items are inferred and a
// failed read answers the dialect's error shape: in every dialect.
eachDialect(handle, () => describe('FlexyKey Status Trigger', () => {
	const fk = () => handle.sim.flexykey;
	const controlReads = () => fk().requestLog.filter((entry) => entry.method === 'GET' && entry.path === '/Control');

	const trigger = (parameters: INodeParameters = {}) =>
		new PollHarness({
			type: 'flexyKeyStatusTrigger',
			name: 'Status Trigger',
			parameters: { units: { unit: [unit(UNIT_PLAIN), unit(WEXP_SERIAL, 'serialNumber')] }, ...parameters },
			credentials: handle.credentials(),
		});

	const command = async (unitId: number, outputNumber: string, outputAction: string) => {
		const response = await fetch(`${handle.sim.urls.flexykey}/Control`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}` },
			body: JSON.stringify({ unitId, outputNumber, outputAction }),
		});
		expect(response.status).toBe(200);
	};

	test('the first poll records a baseline and emits nothing; then one item per change, then nothing', async () => {
		const poll = trigger();
		const first = await poll.poll();
		expect(first).toMatchObject({ items: null });
		expect(first.error).toBeUndefined();
		expect(controlReads().map((entry) => entry.query)).toEqual([`unitId=${UNIT_PLAIN}`, `serialNumber=${WEXP_SERIAL}`]);
		expect(Object.keys(poll.nodeStaticData().baselines as object).sort()).toEqual([`serial:${WEXP_SERIAL}`, `unit:${UNIT_PLAIN}`]);

		const before = fk().ioState(UNIT_PLAIN);
		const f1Before = before.fOutputs.find((io) => io.globalNumber === 'F1')!.state;
		const f1After = f1Before === 'ON' ? 'OFF' : 'ON';
		await command(UNIT_PLAIN, 'F1', f1After);
		fk().setInput(UNIT_WEXP, 'IX1', fk().ioState(UNIT_WEXP).xInputs.find((io) => io.globalNumber === 'IX1')!.state === 'ON' ? 'OFF' : 'ON');

		const second = await poll.poll();
		expect(second.error).toBeUndefined();
		expect(second.items).toHaveLength(2);
		const [f1, ix1] = second.items!;
		expect(f1).toMatchObject({
			unitId: UNIT_PLAIN,
			globalNumber: 'F1',
			kind: 'output',
			from: f1Before,
			to: f1After,
			change: f1After === 'ON' ? 'offToOn' : 'onToOff',
			statusTimestampIso: fk().ioState(UNIT_PLAIN).statusTimestampIso,
			previousStatusTimestampIso: before.statusTimestampIso,
		});
		expect(ix1).toMatchObject({ unitId: UNIT_WEXP, serialNumber: WEXP_SERIAL, globalNumber: 'IX1', kind: 'input', statusTimestampIso: fk().ioState(UNIT_WEXP).xInputsStatusTimestampIso });
		// The emitted items ran as a workflow execution, one output item each.
		expect(second.run?.json('Status Trigger')).toEqual(second.items);

		expect((await poll.poll()).items).toBeNull();
		expect((await poll.poll()).items).toBeNull();
	});

	test('filters: only the chosen IOs, IO types and directions start the workflow', async () => {
		const poll = trigger({ units: { unit: [unit(UNIT_WEXP)] }, ios: 'x1, ix1, I1', ioKinds: ['input'], changes: ['offToOn'] });
		await poll.poll();
		const io = fk().ioState(UNIT_WEXP);
		const state = (name: string) => [...io.inputs, ...io.xInputs].find((entry) => entry.globalNumber === name)!.state;
		// I1 and IX1 are watched; I2 is not; X1 is an output (not a watched type).
		fk().setInput(UNIT_WEXP, 'I1', 'OFF');
		fk().setInput(UNIT_WEXP, 'IX1', 'OFF');
		await poll.poll();
		fk().setInput(UNIT_WEXP, 'I1', 'ON');
		fk().setInput(UNIT_WEXP, 'I2', state('I2') === 'ON' ? 'OFF' : 'ON');
		await command(UNIT_WEXP, 'X1', io.xOutputs.find((entry) => entry.globalNumber === 'X1')!.state === 'ON' ? 'OFF' : 'ON');
		const tick = await poll.poll();
		expect(tick.items).toEqual([expect.objectContaining({ globalNumber: 'I1', from: 'OFF', to: 'ON', change: 'offToOn' })]);
	});

	test('a failed poll (HTTP 500) emits nothing and leaves every baseline as it was; the next poll emits the change once', async () => {
		const poll = trigger();
		await poll.poll();
		const state = fk().ioState(UNIT_PLAIN).fOutputs.find((io) => io.globalNumber === 'F2')!.state;
		await command(UNIT_PLAIN, 'F2', state === 'ON' ? 'OFF' : 'ON');

		await poll.failingPoll(handle.sim);

		const next = await poll.poll();
		expect(next.items).toEqual([expect.objectContaining({ globalNumber: 'F2', to: state === 'ON' ? 'OFF' : 'ON' })]);
		expect((await poll.poll()).items).toBeNull();
	});

	test('a restart with the saved baseline emits what changed while n8n was down, once', async () => {
		const poll = trigger();
		await poll.poll();
		const state = fk().ioState(UNIT_PLAIN).fOutputs.find((io) => io.globalNumber === 'F1')!.state;
		await command(UNIT_PLAIN, 'F1', state === 'ON' ? 'OFF' : 'ON');
		const restarted = poll.restart();
		const tick = await restarted.poll();
		expect(tick.items).toEqual([expect.objectContaining({ globalNumber: 'F1', from: state })]);
		expect((await restarted.poll()).items).toBeNull();
	});

	test('a unit added later gets its own baseline first; a removed unit\'s baseline is dropped', async () => {
		const poll = trigger({ units: { unit: [unit(UNIT_PLAIN)] } });
		await poll.poll();
		const widened = poll.restart({ units: { unit: [unit(UNIT_PLAIN), unit(UNIT_WEXP)] } });
		expect((await widened.poll()).items).toBeNull();
		expect(Object.keys(widened.nodeStaticData().baselines as object).sort()).toEqual([`unit:${UNIT_PLAIN}`, `unit:${UNIT_WEXP}`]);
		const narrowed = widened.restart({ units: { unit: [unit(UNIT_WEXP)] } });
		await narrowed.poll();
		expect(Object.keys(narrowed.nodeStaticData().baselines as object)).toEqual([`unit:${UNIT_WEXP}`]);
	});

	test('a cached status older than the baseline is not a change', async () => {
		const poll = trigger({ units: { unit: [unit(UNIT_PLAIN)] } });
		await poll.poll();
		const saved = poll.saved;
		// The stored baseline says the unit reported later than the API's answer (a stale cached answer) with other states.
		const key = Object.keys(saved).find((name) => name.startsWith('node:'))!;
		const baseline = ((saved[key] as Record<string, unknown>).baselines as Record<string, { statusTimestampIso: string; states: Record<string, string> }>)[`unit:${UNIT_PLAIN}`];
		baseline.statusTimestampIso = new Date(Date.parse(baseline.statusTimestampIso) + 3_600_000).toISOString();
		baseline.states.F1 = baseline.states.F1 === 'ON' ? 'OFF' : 'ON';
		const restarted = poll.restart();
		const tick = await restarted.poll();
		expect(tick.error).toBeUndefined();
		expect(tick.items).toBeNull();
	});

	test('Fetch Test Event (manual mode): the current state of the watched IOs as a sample, no baseline stored', async () => {
		const poll = trigger({ units: { unit: [unit(UNIT_PLAIN)] }, ios: 'F1,F2' });
		const run = await poll.fetchTestEvent();
		expect(run.error).toBeUndefined();
		const state = fk().ioState(UNIT_PLAIN);
		expect(run.json('Status Trigger')).toEqual(
			state.fOutputs.map((io) => expect.objectContaining({ unitId: UNIT_PLAIN, globalNumber: io.globalNumber, kind: 'output', from: null, to: io.state, change: null })),
		);
		expect(poll.nodeStaticData()).toEqual({});
	});

	test('bad input: an empty unit is named before any request', async () => {
		const poll = trigger({ units: { unit: [unit('')] } });
		const tick = await poll.poll();
		expect(tick.error?.message).toBe('Units: unit 1 is empty');
		expect(controlReads()).toHaveLength(0);
	});
}));

test('a status answer that is not the status object fails the poll naming GET /Control and what came, instead of seeing no IOs', async () => {
	const proxy = await startReshapeProxy();
	try {
		proxy.reshape('GET', '/Control', () => [{ unitId: UNIT_PLAIN }]);
		const poll = new PollHarness({ type: 'flexyKeyStatusTrigger', name: 'Status Trigger', parameters: { units: { unit: [unit(UNIT_PLAIN)] } }, credentials: proxy.credentials(handle.credentials()) });
		const tick = await poll.poll();
		expect(tick.error?.message).toBe("FlexyKey: the answer to GET /Control is not in a shape this node can read: expected the status object (documented: unitId, inputs, fOutputs, …), got an array of 1 (first item's keys: unitId)");
		expect(poll.nodeStaticData()).toEqual({});
	} finally {
		await proxy.close();
	}
});

describe('IO items in another shape (the doc shows none)', () => {
	const polled = async (reshape: (status: Record<string, unknown>) => unknown) => {
		const proxy = await startReshapeProxy();
		proxy.reshape('GET', '/Control', (body) => reshape(body as Record<string, unknown>));
		const poll = new PollHarness({ type: 'flexyKeyStatusTrigger', name: 'Status Trigger', parameters: { units: { unit: [unit(UNIT_PLAIN)] } }, credentials: proxy.credentials(handle.credentials()) });
		return { proxy, poll };
	};
	type Item = { globalNumber: string; state: string };
	const eachList = (status: Record<string, unknown>, map: (items: Item[]) => unknown) => ({
		...status,
		...Object.fromEntries(['inputs', 'fOutputs', 'xOutputs', 'xInputs'].map((group) => [group, map((status[group] as Item[] | null) ?? [])])),
	});

	test.each([
		['{ GlobalNumber, isOn: true|false }', (items: Item[]) => items.map((io) => ({ GlobalNumber: io.globalNumber, isOn: io.state === 'ON' }))],
		['{ number, value: 1|0 }', (items: Item[]) => items.map((io) => ({ number: io.globalNumber, value: io.state === 'ON' ? 1 : 0 }))],
		['a map { F1: "ON" }', (items: Item[]) => Object.fromEntries(items.map((io) => [io.globalNumber, io.state]))],
	])('%s: read as the same IO states (Fetch Test Event lists them)', async (_name, map) => {
		const expected = handle.sim.flexykey.ioState(UNIT_PLAIN);
		const { proxy, poll } = await polled((status) => eachList(status, map));
		try {
			const run = await poll.fetchTestEvent();
			expect(run.error).toBeUndefined();
			const wanted = [...expected.fOutputs, ...expected.xOutputs, ...expected.inputs, ...expected.xInputs].map((io) => ({ globalNumber: io.globalNumber, to: io.state }));
			expect(run.json('Status Trigger').map((item) => ({ globalNumber: item.globalNumber, to: item.to }))).toEqual(wanted);
			expect(wanted.length).toBeGreaterThan(2);
		} finally {
			await proxy.close();
		}
	});

	test('IO lists whose items nobody can read fail the poll naming GET /Control and the keys seen, instead of watching nothing', async () => {
		const { proxy, poll } = await polled((status) => eachList(status, (items) => items.map((io) => ({ ref: io.globalNumber, level: 'high' }))));
		try {
			const tick = await poll.poll();
			expect(tick.error?.message).toMatch(/^FlexyKey: the answer to GET \/Control is not in a shape this node can read: expected IO items with a globalNumber and an ON\/OFF state \(none of \d+ could be read; the first is in fOutputs\), got top-level keys: ref, level/);
			expect(poll.nodeStaticData()).toEqual({});
		} finally {
			await proxy.close();
		}
	});
});
