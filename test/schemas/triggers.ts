/**
 * One real emission of every trigger against the simulator, for `npm run schemas`: a polling trigger
 * records its baseline, something happens, the next poll emits; a webhook trigger is activated, the
 * simulator delivers a signed event, the trigger's execution items are read.
 */
import type { IDataObject } from 'n8n-workflow';
import { cekSafeKeys, flexUnlockKeys, flexyKeyUsers } from '../../simulator/demo-credentials';
import { cekSafeFixtures } from '../../simulator/ceksafe';
import { flexUnlockFixtures } from '../../simulator/flexunlock';
import type { Simulator } from '../../simulator/index';
import type { CredentialValues } from '../harness/credentials-helper';
import { PollHarness } from '../harness/poll-harness';
import { TriggerHarness, type WebhookReceiver } from '../harness/trigger-harness';

export interface TriggerCase {
	/** The trigger's type name, e.g. `flexyKeyLogTrigger`. */
	type: string;
	emit(sim: Simulator, credentials: CredentialValues, receiver: WebhookReceiver): Promise<IDataObject[]>;
}

const UNIT = 3023;
const basic = `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}`;
const unitEntry = { unit: [{ unit: { __rl: true, mode: 'id', value: String(UNIT) } }] };

async function call(url: string, authorization: string, body: unknown): Promise<IDataObject> {
	const response = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/json', 'X-Sim-Dialect': 'a' }, body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`set-up call ${url} answered HTTP ${response.status}`);
	return (await response.json()) as IDataObject;
}

const toggleOutput = (sim: Simulator) => {
	const now = sim.flexykey.ioState(UNIT).fOutputs.find((io) => io.globalNumber === 'F1')!.state;
	return call(`${sim.urls.flexykey}/Control`, basic, { unitId: UNIT, outputNumber: 'F1', outputAction: now === 'ON' ? 'OFF' : 'ON' });
};

/** A baseline poll, the change, then the poll that emits it. */
async function pollAfter(poll: PollHarness, change: () => Promise<unknown>): Promise<IDataObject[]> {
	const baseline = await poll.poll();
	if (baseline.error) throw baseline.error;
	await change();
	const tick = await poll.poll();
	if (tick.error) throw tick.error;
	if (!tick.items?.length) throw new Error(`${poll.constructor.name}: the poll after the change emitted nothing`);
	return tick.items;
}

async function deliveredItems(node: TriggerHarness, cause: () => Promise<unknown>, settle: () => Promise<void>): Promise<IDataObject[]> {
	await node.activate();
	try {
		await cause();
		await settle();
		await node.settled();
		const items = node.executions().flat().map((item) => item.json);
		if (items.length === 0) throw new Error(`${node.node.type}: no delivery started an execution`);
		return items;
	} finally {
		await node.deactivate();
	}
}

export const triggerCases: TriggerCase[] = [
	{
		type: 'flexyKeyStatusTrigger',
		emit: (sim, credentials) =>
			pollAfter(new PollHarness({ type: 'flexyKeyStatusTrigger', name: 'Status Trigger', parameters: { units: unitEntry }, credentials }), () => toggleOutput(sim)),
	},
	{
		type: 'flexyKeyLogTrigger',
		emit: (sim, credentials) =>
			pollAfter(new PollHarness({ type: 'flexyKeyLogTrigger', name: 'Log Trigger', parameters: { units: unitEntry }, credentials }), () => toggleOutput(sim)),
	},
	{
		type: 'cekSafeHistoryTrigger',
		emit: (sim, credentials) =>
			pollAfter(new PollHarness({ type: 'cekSafeHistoryTrigger', name: 'History Trigger', parameters: {}, credentials }), () =>
				call(`${sim.urls.ceksafe}/check`, `Bearer ${cekSafeKeys.growth.key}`, { imei: cekSafeFixtures.cleanImei2, type: 'basic' }),
			),
	},
	{
		type: 'flexyKeyTrigger',
		emit: (sim, credentials, receiver) =>
			deliveredItems(
				new TriggerHarness(receiver, { type: 'flexyKeyTrigger', parameters: { unit: { __rl: true, mode: 'id', value: String(UNIT) }, event: 'control.statusChanged', options: {} }, credentials }),
				() => toggleOutput(sim),
				() => sim.flexykey.flush(),
			),
	},
	{
		type: 'flexUnlockTrigger',
		emit: (sim, credentials, receiver) =>
			deliveredItems(
				new TriggerHarness(receiver, { type: 'flexUnlockTrigger', parameters: { events: ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed'], options: {} }, credentials }),
				async () => {
					const placed = await call(`${sim.urls.flexunlock}/unlock/order`, `Bearer ${flexUnlockKeys.bigSeller.key}`, { imei: flexUnlockFixtures.eligibleImei, carrier: 'T-Mobile', service: 'Activation' });
					const orderId = String(placed.order_id);
					while (!['completed', 'failed'].includes(sim.flexunlock.advanceOrder(orderId)));
				},
				() => sim.flexunlock.flush(),
			),
	},
];
