/**
 * Every polling trigger, every way a poll can fail: a 429 the transport could not wait out, a 5xx, an
 * answer that is not JSON, an answer in no shape the reader knows. The poll fails loudly (n8n shows
 * the error), emits nothing and leaves its static data (cursors, baselines, remembered rows) as it
 * was; the next good poll emits everything that happened in between, once.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { cekSafeFixtures } from '../../../simulator/ceksafe/catalogue';
import { cekSafeKeys } from '../../../simulator/demo-credentials';
import { PollHarness, POLL_FAULT_ERRORS, type PollFault } from '../../harness/poll-harness';
import { eachDialect, useSimulator, type SimulatorHandle } from '../../harness/simulator';

const UNIT = 3023;
const unit = { unit: [{ unit: { __rl: true, mode: 'id', value: String(UNIT) } }] };
const FAULTS = Object.keys(POLL_FAULT_ERRORS) as PollFault[];

interface TriggerCase {
	type: string;
	parameters: INodeParameters;
	/** The `step`-th new event at the source; returns the key of the item the next good poll must emit for it. */
	happen(handle: SimulatorHandle, step: number): Promise<string>;
	/** An emitted item's key. */
	keyOf(item: IDataObject): string;
}

/** The newest simulated log row of the unit (the one just written). */
const newestLogId = (handle: SimulatorHandle) => {
	const logs = (handle.sim.flexykey.state() as { logs: Array<{ logId: number; unitId: number }> }).logs.filter((row) => row.unitId === UNIT);
	return String(Math.max(...logs.map((row) => row.logId)));
};

const toggleInput = (handle: SimulatorHandle, globalNumber: string): 'ON' | 'OFF' => {
	const to = handle.sim.flexykey.ioState(UNIT).inputs.find((io) => io.globalNumber === globalNumber)!.state === 'ON' ? 'OFF' : 'ON';
	handle.sim.flexykey.setInput(UNIT, globalNumber, to);
	return to;
};

const TRIGGERS: Record<string, TriggerCase> = {
	'FlexyKey Log Trigger': {
		type: 'flexyKeyLogTrigger',
		parameters: { units: unit },
		async happen(handle, step) {
			// The second event is a row that arrives late, stamped ten minutes ago (a buffered upload).
			if (step === 0) handle.sim.flexykey.addLogs(UNIT, 1, Date.now(), Date.now());
			else handle.sim.flexykey.addLogs(UNIT, 1, Date.now() - 600_000, Date.now() - 600_000);
			return newestLogId(handle);
		},
		keyOf: (item) => String(item.logId ?? item.id),
	},
	'FlexyKey Status Trigger': {
		type: 'flexyKeyStatusTrigger',
		parameters: { units: unit, ioKinds: ['input'] },
		async happen(handle, step) {
			const globalNumber = step === 0 ? 'I1' : 'I2';
			return `${globalNumber}:${toggleInput(handle, globalNumber)}`;
		},
		keyOf: (item) => `${String(item.globalNumber)}:${String(item.to)}`,
	},
	'CekSafe History Trigger': {
		type: 'cekSafeHistoryTrigger',
		parameters: {},
		async happen(handle, step) {
			const response = await fetch(`${handle.sim.urls.ceksafe}/check`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${cekSafeKeys.growth.key}` },
				body: JSON.stringify({ imei: step === 0 ? cekSafeFixtures.cleanImei : cekSafeFixtures.cleanImei2, type: 'basic' }),
			});
			expect(response.status).toBe(200);
			return String(handle.sim.ceksafe.history('growth').at(-1)!.id);
		},
		keyOf: (item) => String(item.id),
	},
};

const handle = useSimulator();

function failedPollTests(name: string): void {
	const trigger = TRIGGERS[name];
	test.each(FAULTS)(`${name}: a poll failing with %s moves nothing; the next good poll emits what happened before and after it, once`, async (fault) => {
		const poll = new PollHarness({ type: trigger.type, name, parameters: trigger.parameters, credentials: handle.credentials() });
		expect((await poll.poll()).error).toBeUndefined();
		const before = await trigger.happen(handle, 0);

		await poll.failingPoll(handle.sim, fault);
		const after = await trigger.happen(handle, 1);

		const next = await poll.poll();
		expect(next.error).toBeUndefined();
		expect((next.items ?? []).map(trigger.keyOf).sort()).toEqual([before, after].sort());
		expect((await poll.poll()).items).toBeNull();
	});
}

// The FlexyKey answers read after the fault are inferred shapes: in every dialect.
eachDialect(handle, () => {
	failedPollTests('FlexyKey Log Trigger');
	failedPollTests('FlexyKey Status Trigger');
});
describe('CekSafe', () => failedPollTests('CekSafe History Trigger'));
