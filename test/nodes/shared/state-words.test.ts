/**
 * Unknown is loud: every status table (FlexyKey sync status, FlexyKey unit-info command result,
 * FlexyKey IO state, FlexUnlock order status) reads a state in the forms a server may write it (any case or
 * separator style, synonyms, numeric codes where the docs give an order), and a word it does not
 * know fails the item at once naming the word and the endpoint, never waits for the timeout. A
 * proxy in front of the simulator rewrites the state words; each block runs in every dialect.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { flexUnlockFixtures } from '../../../simulator/flexunlock';
import { useReshapeProxy } from '../../harness/reshape-proxy';
import { runWorkflow } from '../../harness/run-workflow';
import { eachDialect, useSimulator, type Dialect } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator({ flexykey: { syncDurationMs: 100, unitInfoDelayMs: 100 }, flexunlock: { orderStepMs: 100 } });
const UNIT = 3023;
// the list mode: n8n checks an ID mode's regex under a time limit, which a busy machine can exceed
const UNIT_REF = { __rl: true, mode: 'list', value: String(UNIT) };
const proxyOf = useReshapeProxy();
afterEach(() => {
	handle.sim.flexykey.setUnitOnline(UNIT, true);
	handle.sim.config.flexykey.syncDurationMs = 100;
});

const STATE_KEYS = new Set(['status', 'state', 'order_status', 'commandStatus']);
const normal = (word: unknown) => String(word).toLowerCase().replace(/[^a-z0-9]/g, '');

/** Every state value (under a state key, deep) that is `from` in any form becomes `to`; envelopes (`OK`, `success`) stay. */
function restate(body: unknown, from: readonly string[], to: unknown): unknown {
	if (Array.isArray(body)) return body.map((entry) => restate(entry, from, to));
	if (typeof body !== 'object' || body === null) return body;
	return Object.fromEntries(
		Object.entries(body).map(([key, value]) => [key, STATE_KEYS.has(key) && typeof value === 'string' && from.some((word) => normal(word) === normal(value)) ? to : restate(value, from, to)]),
	);
}

const run = (type: string, parameters: INodeParameters, name: string) => runWorkflow(chain({ name, type, parameters }), { credentials: proxyOf().credentials(handle.credentials()) });
const flexyKeyRequests = (path: string, method = 'GET') => handle.sim.flexykey.requestLog.filter((entry) => entry.path === path && entry.method === method);
const flexUnlockRequests = (path: string) => handle.sim.flexunlock.requests.filter((entry) => entry.path === path);

async function pendingEntry(): Promise<void> {
	const { username, password } = handle.credentials().flexyKeyApi;
	const response = await fetch(`${handle.sim.urls.flexykey}/UnitIdEntries`, {
		method: 'POST',
		headers: { Authorization: `Basic ${Buffer.from(`${String(username)}:${String(password)}`).toString('base64')}`, 'Content-Type': 'application/json', 'X-Sim-Dialect': 'a' },
		body: JSON.stringify({ unitId: UNIT, idNumber: `+4670${String(Date.now()).slice(-7)}`, action: 'R1' }),
	});
	expect(response.status).toBeLessThan(300);
}

/**
 * The forms each dialect's run rewrites the states into: different ones per dialect, so the three
 * runs together read every form without tripling the (poll-interval bound) waits. The dialect's
 * own form (`completed`, `Completed`, `COMPLETED`) is read in every other test of the file too.
 */
const FORMS: Record<Dialect, { syncCompleted: string[]; syncRunning: string; syncFailed: string; orderCompleted: unknown[]; orderProcessing: unknown; orderFailed: unknown }> = {
	a: { syncCompleted: ['COMPLETED', 'Succeeded'], syncRunning: 'in_progress', syncFailed: 'ERROR', orderCompleted: ['Completed', 2], orderProcessing: 'In Progress', orderFailed: 'Rejected' },
	b: { syncCompleted: ['done', 'FINISHED'], syncRunning: 'In Progress', syncFailed: 'Failure', orderCompleted: ['DONE', 'succeeded'], orderProcessing: 1, orderFailed: 3 },
	minimal: { syncCompleted: ['success', 'Complete'], syncRunning: 'inProgress', syncFailed: 'errored', orderCompleted: ['finished', 2], orderProcessing: 'IN_PROGRESS', orderFailed: 'declined' },
};

eachDialect(handle, (dialect) => {
	describe('FlexyKey sync status (Push Changes and Wait)', () => {
		const pushAndWait = async (extra: IDataObject = {}) => {
			await pendingEntry();
			return run('flexyKey', { resource: 'sync', operation: 'pushAndWait', unit: UNIT_REF, syncTimeout: 30, syncPollInterval: 2, ...extra }, 'FlexyKey');
		};

		test.each(FORMS[dialect].syncCompleted)('a completed sync written %s is completed', async (form) => {
			proxyOf().reshape('GET', '/UnitSync/Status', (body) => restate(body, ['completed'], form));
			const result = await pushAndWait();
			expect(result.error).toBeUndefined();
			expect(result.json('FlexyKey')[0]).toMatchObject({ outcome: 'completed' });
		});

		test.each([FORMS[dialect].syncRunning])('a running sync written %s is waited for until it completes', async (form) => {
			handle.sim.config.flexykey.syncDurationMs = 3_000;
			proxyOf().reshape('GET', '/UnitSync/Status', (body) => restate(body, ['queued', 'running'], form));
			const result = await pushAndWait();
			expect(result.error).toBeUndefined();
			const out = result.json('FlexyKey')[0] as IDataObject & { progress: IDataObject[] };
			expect(out.outcome).toBe('completed');
			// at least one status in the running form was read and waited past
			expect(JSON.stringify(out.progress)).toContain(JSON.stringify(form));
		});

		test.each([FORMS[dialect].syncFailed])('a failed sync written %s fails with the node\'s word', async (form) => {
			proxyOf().reshape('GET', '/UnitSync/Status', (body) => restate(body, ['failed'], form));
			handle.sim.flexykey.setUnitOnline(UNIT, false);
			const result = await pushAndWait();
			expect(result.error?.message).toMatch(new RegExp(`^FlexyKey sync \\d+ on unit ${UNIT} failed: .*${form}`));
		});

		test.each([['a word', 'Frobnicated'], ['a number (the docs give no order of sync states)', 2]] as const)(
			'a completed sync written as %s the node does not know fails at the first status read, naming it and the endpoint',
			async (_case, written) => {
				proxyOf().reshape('GET', '/UnitSync/Status', (body) => restate(body, ['completed'], written));
				const result = await pushAndWait();
				expect(result.error?.message).toBe(`FlexyKey answered sync status "${written}" on GET /UnitSync/Status, which this node does not know`);
				expect(result.error?.message).not.toMatch(/failed/);
				// one read, not one every 2 s until the 30 s timeout
				expect(flexyKeyRequests('/UnitSync/Status')).toHaveLength(1);
			},
		);
	});

	describe('FlexyKey unit-info command result (Request and Wait)', () => {
		const requestAndWait = () =>
			run(
				'flexyKey',
				{ resource: 'unitInfo', operation: 'requestAndWait', unit: UNIT_REF, requestKind: 'type', typeName: 'CHECKTIME', timeout: 30, waitOptions: { pollInterval: 0.1 } },
				'FlexyKey',
			);
		const answers = (result: Awaited<ReturnType<typeof requestAndWait>>) => result.json('FlexyKey')[0].answers as IDataObject[];

		test.each(['QUEUED', 'Pending', 'accepted'])('queued written %s: waits for the unit\'s fresh answer', async (form) => {
			proxyOf().reshape('POST', '/RequestUnitInfo', (body) => restate(body, ['queued'], form));
			const result = await requestAndWait();
			expect(result.error).toBeUndefined();
			expect(answers(result)).toEqual([expect.objectContaining({ typeName: 'CHECKTIME', resultStatus: 'queued', fresh: true, messages: [expect.objectContaining({ typeName: 'CHECKTIME' })] })]);
		});

		test.each([
			['CACHED', 'cached'],
			['from_cache', 'cached'],
			['RATE_LIMITED', 'rateLimited'],
			['Throttled', 'rateLimited'],
		])('written %s: read as %s, the stored answer returned without waiting', async (form, status) => {
			proxyOf().reshape('POST', '/RequestUnitInfo', (body) => restate(body, ['queued'], form));
			const result = await requestAndWait();
			expect(result.error).toBeUndefined();
			expect(answers(result)).toEqual([expect.objectContaining({ typeName: 'CHECKTIME', resultStatus: status, fresh: false })]);
			// only the read of what was stored before the request
			expect(flexyKeyRequests('/UnitMessages')).toHaveLength(1);
		});

		test.each(['Failed', 'ERROR', 'rejected'])('refused (written %s): the item fails at once naming the command', async (form) => {
			proxyOf().reshape('POST', '/RequestUnitInfo', (body) => restate(body, ['queued'], form));
			const result = await requestAndWait();
			expect(result.error?.message).toBe(`Unit Info: the API refused CHECKTIME (${form}) for unit ${UNIT}`);
			expect(flexyKeyRequests('/UnitMessages')).toHaveLength(1);
		});

		test.each(['Unknown command', 'Frobnicated', '7'])('a result status the node does not know (%s) fails at once naming it and the endpoint', async (form) => {
			proxyOf().reshape('POST', '/RequestUnitInfo', (body) => restate(body, ['queued'], form));
			const result = await requestAndWait();
			expect(result.error?.message).toBe(`FlexyKey answered unit-info command result status "${form}" on POST /RequestUnitInfo, which this node does not know`);
			expect(result.error?.description).toContain('CHECKTIME');
			// never waited: no read of the messages after the request
			expect(flexyKeyRequests('/UnitMessages')).toHaveLength(1);
		});
	});

	describe('FlexyKey IO state (Set Output → Wait for Confirmation)', () => {
		/** F1's state in every `GET /Control` answer becomes `value` (under `state`, or b's `isOn`). */
		const f1StateAs = (value: unknown) =>
			proxyOf().reshape('GET', '/Control', (body) => {
				const status = body as IDataObject & { fOutputs: IDataObject[] };
				const fOutputs = status.fOutputs.map((io) => (io.globalNumber === 'F1' ? { ...io, ...('isOn' in io ? { isOn: value } : { state: value }) } : io));
				return { ...status, fOutputs };
			});
		const setOutput = () =>
			run('flexyKey', { resource: 'control', operation: 'setOutput', unit: UNIT_REF, outputNumber: 'F1', outputAction: 'ON', waitForConfirmation: true, confirmTimeout: 30, confirmInterval: 2 }, 'FlexyKey');

		test.each(['on', 'Active', 'HIGH'])('ON written %s confirms the output', async (form) => {
			f1StateAs(form);
			const result = await setOutput();
			expect(result.error).toBeUndefined();
			expect(result.json('FlexyKey')[0]).toMatchObject({ confirmed: true, confirmedState: 'ON' });
		});

		test('a state the node does not know fails at the first read, naming it and the endpoint', async () => {
			f1StateAs('Frobnicated');
			const result = await setOutput();
			expect(result.error?.message).toBe('FlexyKey answered IO state "Frobnicated" on GET /Control, which this node does not know');
			expect(result.error?.description).toContain('output F1; the command was sent');
			// one read, not one every 2 s until the 30 s timeout
			expect(flexyKeyRequests('/Control', 'GET')).toHaveLength(1);
			expect(flexyKeyRequests('/Control', 'POST')).toHaveLength(1);
		});
	});

	describe('FlexUnlock order status (Order and Wait)', () => {
		const orderAndWait = () =>
			run(
				'flexUnlock',
				{ resource: 'unlock', operation: 'orderAndWait', imei: flexUnlockFixtures.eligibleImei, carrier: 'T-Mobile', service: 'Activation', timeout: 60, pollInterval: 1 },
				'FlexUnlock',
			);
		/** The first status read says the order is still processing (in `form`), later ones pass through. */
		const processingFirst = (form: unknown) => {
			let reads = 0;
			proxyOf().reshape('POST', '/unlock/status', (body) => (++reads === 1 ? restate(body, ['completed'], form) : body));
		};

		// 2: the position of completed in API-NOTES' list (created, processing, completed, failed)
		test.each(FORMS[dialect].orderCompleted)('a completed order written %p is completed', async (form) => {
			proxyOf().reshape('POST', '/unlock/status', (body) => restate(body, ['completed'], form));
			const result = await orderAndWait();
			expect(result.error).toBeUndefined();
			expect(result.json('FlexUnlock')[0]).toMatchObject({ outcome: 'completed', order_status: 'completed', unlock_code: expect.any(String) });
		});

		test.each([FORMS[dialect].orderProcessing])('a processing order written %p is waited for', async (form) => {
			processingFirst(form);
			const result = await orderAndWait();
			expect(result.error).toBeUndefined();
			const out = result.json('FlexUnlock')[0];
			expect(out.outcome).toBe('completed');
			expect((out.timeline as IDataObject[]).map((entry) => entry.status)).toEqual(['created', 'processing', 'completed']);
		});

		test.each([FORMS[dialect].orderFailed])('a failed order written %p fails the item', async (form) => {
			proxyOf().reshape('POST', '/unlock/status', (body) => restate(body, ['completed'], form));
			const result = await orderAndWait();
			expect(result.error?.message).toMatch(/^FlexUnlock order ord_\S+ failed/);
			expect(flexUnlockRequests('/unlock/order')).toHaveLength(1);
		});

		test.each<unknown>(['Frobnicated', 9])('an order status the node does not know (%p) fails at the first read, naming it, the endpoint and the placed order', async (form) => {
			proxyOf().reshape('POST', '/unlock/status', (body) => restate(body, ['completed'], form));
			const result = await orderAndWait();
			expect(result.error?.message).toBe(`FlexUnlock answered order status "${String(form)}" on POST /v1/unlock/status, which this node does not know`);
			expect(result.error?.description).toMatch(/was placed: do not order again/);
			// one read, not one a second until the 60 s timeout
			expect(flexUnlockRequests('/unlock/status')).toHaveLength(1);
		});
	});
});
