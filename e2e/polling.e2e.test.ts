/**
 * The three polling triggers in a real n8n: published workflows poll on n8n's own schedule ("Custom
 * (Cron)" with a fixed second: n8n 2.x refuses sub-minute polling, so each fires once a minute), the
 * poll at publication records the baseline, and a change made through the simulator starts exactly
 * the execution it should at the next scheduled poll; log rows a unit uploads late, with older times,
 * start one execution, once (the Log Trigger's memory survives in n8n's saved static data).
 */
import { cekSafeFixtures } from '../simulator/ceksafe/catalogue';
import { cekSafeKeys, flexyKeyUsers } from '../simulator/demo-credentials';
import { N8nClient } from '../scripts/n8n-api';
import { PACKAGE_NAME } from '../scripts/paths';
import { isDone, nodeOutput, readContext, simRequest, waitFor, waitForExecutions } from './context';

const context = readContext();
const UNIT = 3024;

/** A cron firing once a minute, at a second about 20 s from now. */
const soonEveryMinute = () => `${(new Date().getUTCSeconds() + 20) % 60} * * * * *`;

async function createPollingWorkflow(client: N8nClient, name: string, type: string, credentialType: 'flexyKeyApi' | 'cekSafeApi', parameters: Record<string, unknown>): Promise<string> {
	const credential = context.credentials[credentialType];
	const workflow = await client.createWorkflow({
		name,
		nodes: [
			{
				id: `${type}-node`,
				name,
				type: `${PACKAGE_NAME}.${type}`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'custom', cronExpression: soonEveryMinute() }] }, ...parameters },
				credentials: { [credentialType]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {},
	});
	return workflow.id;
}

/** Requests each simulated API has received so far. */
async function requestCounts(): Promise<{ flexykey: number; ceksafe: number }> {
	const state = (await simRequest<{ flexykey: { counters: { requests: number } }; ceksafe: { requestCount: number } }>(context, 'GET', '/_sim/state')).body;
	return { flexykey: state.flexykey.counters.requests, ceksafe: state.ceksafe.requestCount };
}

const flexyKeyAuth = { authorization: `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}` };

describe('Polling triggers in n8n 2.40 (published, on a cron schedule)', () => {
	let client: N8nClient;
	const ids: Record<string, string> = {};

	beforeAll(async () => {
		// Only the public API (API key): no login, so this file does not count against n8n's login rate limit.
		client = new N8nClient(context.n8nUrl);
		client.apiKey = context.apiKey;
		const units = { unit: [{ unit: { __rl: true, mode: 'id', value: String(UNIT) } }] };
		ids.status = await createPollingWorkflow(client, 'FlexyKey Status Trigger', 'flexyKeyStatusTrigger', 'flexyKeyApi', { units, ios: 'F2' });
		ids.log = await createPollingWorkflow(client, 'FlexyKey Log Trigger', 'flexyKeyLogTrigger', 'flexyKeyApi', { units });
		ids.history = await createPollingWorkflow(client, 'CekSafe History Trigger', 'cekSafeHistoryTrigger', 'cekSafeApi', { statuses: ['stolen'] });
	});

	afterAll(async () => {
		for (const id of Object.values(ids)) await client.unpublishWorkflow(id).catch(() => undefined);
	});

	it('publishing polls once for the baseline and starts no execution', async () => {
		const before = await requestCounts();
		for (const id of Object.values(ids)) await client.publishWorkflow(id);
		// n8n activates a little after the publish call returns: the baseline is taken once the
		// activation polls reached the simulator (GET /Control and GET /Logs; GET /history).
		await waitFor('the activation polls', async () => {
			const now = await requestCounts();
			return now.flexykey >= before.flexykey + 2 && now.ceksafe >= before.ceksafe + 1 ? now : undefined;
		});
		for (const id of Object.values(ids)) expect(await client.executions(id)).toHaveLength(0);
	});

	it('a change made through the simulator starts one execution per trigger at the next poll, with the change', async () => {
		const io = (await simRequest<{ fOutputs: Array<{ globalNumber: string; state: string }> }>(context, 'GET', `/flexykey/v1/Control?unitId=${UNIT}`, { headers: flexyKeyAuth })).body;
		const before = io.fOutputs.find((output) => output.globalNumber === 'F2')!.state;
		const after = before === 'ON' ? 'OFF' : 'ON';
		const command = await simRequest(context, 'POST', '/flexykey/v1/Control', { headers: flexyKeyAuth, body: { unitId: UNIT, outputNumber: 'F2', outputAction: after } });
		expect(command.status).toBe(200);
		const imei = cekSafeFixtures.stolenImeis[0];
		const check = await simRequest(context, 'POST', '/ceksafe/v1/check', { headers: { authorization: `Bearer ${cekSafeKeys.growth.key}` }, body: { imei, type: 'basic' } });
		expect(check.status).toBe(200);

		const statusRuns = await waitForExecutions(client, ids.status, 1, 90_000);
		expect(statusRuns.map((execution) => [execution.mode, execution.status])).toEqual([['trigger', 'success']]);
		const [status] = statusRuns;
		expect(nodeOutput(status, 'FlexyKey Status Trigger')).toEqual([expect.objectContaining({ unitId: UNIT, globalNumber: 'F2', from: before, to: after })]);

		const logRuns = await waitForExecutions(client, ids.log, 1, 90_000);
		expect(logRuns.map((execution) => [execution.mode, execution.status])).toEqual([['trigger', 'success']]);
		const [log] = logRuns;
		const rows = nodeOutput(log, 'FlexyKey Log Trigger');
		expect(rows.map((row) => row.message)).toEqual(expect.arrayContaining([expect.stringContaining(`Output F2 set ${after}`), `Output F2 changed to ${after}`]));
		expect(rows.every((row) => row.unitId === UNIT)).toBe(true);

		const historyRuns = await waitForExecutions(client, ids.history, 1, 90_000);
		expect(historyRuns.map((execution) => [execution.mode, execution.status])).toEqual([['trigger', 'success']]);
		const [history] = historyRuns;
		expect(nodeOutput(history, 'CekSafe History Trigger')).toEqual([expect.objectContaining({ imei, status: 'stolen', type: 'basic' })]);
	});

	it('Log Trigger: a unit back from an outage reports live first and uploads its older buffered rows later; they start one more execution, once', async () => {
		const unitAdmin = `/_sim/flexykey/units/${UNIT}`;
		const bufferedAt = Date.now() - 20 * 60_000;
		const buffered = 'Door forced open (buffered during the outage)';
		expect((await simRequest(context, 'PATCH', unitAdmin, { body: { online: false } })).status).toBe(200);
		const write = await simRequest(context, 'POST', `${unitAdmin}/logs`, {
			body: { count: 2, from: new Date(bufferedAt).toISOString(), to: new Date(bufferedAt + 60_000).toISOString(), message: buffered, idNumber: null },
		});
		expect(write.body).toEqual({ unitId: UNIT, written: 2, bufferedLogRows: 2 });
		expect((await simRequest(context, 'PATCH', unitAdmin, { body: { online: true, uploadBuffer: false } })).status).toBe(200);
		const live = 'Live row after the outage';
		await simRequest(context, 'POST', `${unitAdmin}/logs`, { body: { count: 1, from: new Date().toISOString(), to: new Date().toISOString(), message: live } });

		const afterLive = await waitForExecutions(client, ids.log, 2, 90_000);
		expect(nodeOutput(afterLive[0], 'FlexyKey Log Trigger').map((row) => row.message)).toEqual([live]);

		const upload = await simRequest(context, 'PATCH', unitAdmin, { body: { online: true } });
		expect(upload.body).toEqual({ unitId: UNIT, online: true, bufferedLogRows: 0 });
		const afterUpload = await waitForExecutions(client, ids.log, 3, 90_000);
		const uploaded = nodeOutput(afterUpload[0], 'FlexyKey Log Trigger');
		expect(uploaded.map((row) => row.message)).toEqual([buffered, buffered]);
		expect(uploaded.map((row) => Date.parse(String(row.timestampIso)))).toEqual([Math.floor(bufferedAt / 1000) * 1000, Math.floor((bufferedAt + 60_000) / 1000) * 1000]);

		// The next scheduled poll (one GET /Logs and one GET /Control a minute) reads the same rows again and starts nothing.
		const seen = await requestCounts();
		await waitFor('the next scheduled polls', async () => ((await requestCounts()).flexykey >= seen.flexykey + 2 ? true : undefined), 90_000);
		expect((await client.executions(ids.log)).filter(isDone)).toHaveLength(3);
	}, 300_000);
});
