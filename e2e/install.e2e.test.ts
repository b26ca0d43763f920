/**
 * `npm run test:e2e:install`: the package installed the way users install it. A local registry
 * (scripts/local-registry.ts) gets the package published as the publish workflow builds it, at a
 * version the public registry cannot have; a fresh n8n 2.40.7 installs it by name through the call
 * the editor's Install button makes, runs a demo workflow, updates it in place while a webhook
 * trigger and a polling trigger are published, and uninstalls it. n8n's installer is unchanged: only
 * the `npm` it runs points at the local registry (docs/install.md).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { flexUnlockKeys, flexyKeyUsers } from '../simulator/demo-credentials';
import { flexUnlockFixtures } from '../simulator/flexunlock/catalogue';
import { startSimulator, type Simulator } from '../simulator/index';
import { N8nClient, type Execution } from '../scripts/n8n-api';
import { freePort, startN8n, type RunningN8n } from '../scripts/n8n-process';
import { DEFAULT_REGISTRY, e2eVersion, startLocalRegistry, type LocalRegistry } from '../scripts/local-registry';
import { LOCAL_DIR, PACKAGE_NAME, ROOT } from '../scripts/paths';
import { ensureApiKey, ensureCredentials, ensureOwner, importExamples, loadExamples, type CredentialRefs } from '../scripts/provision';
import { isDone, nodeOutput, runOnDemand, simRequest, sleep, waitFor } from './context';

const DIR = join(LOCAL_DIR, 'e2e-install');
const STAMP = Date.now();
const V = e2eVersion(STAMP);
const V_NEXT = e2eVersion(STAMP, 1);
const LOG_UNIT = 3023;

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	updateAvailable?: string;
	failedLoading?: boolean;
	installedNodes: Array<{ name: string; type: string }>;
}

interface FlexUnlockHook {
	id: string;
	url: string;
	events: string[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
/** `dist/nodes/FlexyKey/FlexyKeyTrigger.node.js` → `flexyKeyTrigger`; the same for credentials. */
const typeName = (path: string, suffix: string) => {
	const name = path.split('/').pop()!.replace(suffix, '');
	return `${name[0].toLowerCase()}${name.slice(1)}`;
};
const NODE_TYPES = manifest.n8n.nodes.map((path) => `${PACKAGE_NAME}.${typeName(path, '.node.js')}`).sort();
const CREDENTIAL_TYPES = manifest.n8n.credentials.map((path) => typeName(path, '.credentials.js')).sort();

/** Every 15 s (four fixed seconds of the minute): n8n refuses a cron firing more often than once a minute. */
const every15s = () => {
	const first = (new Date().getUTCSeconds() + 5) % 15;
	return [0, 15, 30, 45].map((offset) => ({ mode: 'custom', cronExpression: `${first + offset} * * * * *` }));
};

describe('installed from a registry by n8n\'s own installer, updated in place, uninstalled', () => {
	let registry: LocalRegistry;
	let sim: Simulator;
	let n8n: RunningN8n;
	let client: N8nClient;
	let credentials: CredentialRefs;
	const target = () => ({ webhookUrl: n8n.baseUrl, credentials, simBaseUrl: sim.baseUrl });
	const packageDir = join(DIR, 'user', '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	const installedVersionOnDisk = () => (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
	const flexUnlockHooks = async () => (await simRequest<{ flexunlock: { webhooks: FlexUnlockHook[] } }>(target(), 'GET', '/_sim/state')).body.flexunlock.webhooks;
	const installed = () => client.rest<InstalledPackage[]>('GET', '/community-packages');

	beforeAll(async () => {
		rmSync(DIR, { recursive: true, force: true });
		registry = await startLocalRegistry(join(DIR, 'registry'));
		await registry.publish(V);
		sim = await startSimulator({ port: 0, flexunlock: { orderStepMs: 300 } });
		const log = join(DIR, 'n8n.log');
		n8n = await startN8n({ userFolder: join(DIR, 'user'), port: await freePort(), brokerPort: await freePort(), log, env: registry.n8nEnv() });
		client = new N8nClient(n8n.baseUrl);
		await ensureOwner(client);
		await ensureApiKey(client, join(DIR, 'api-key.json'));
	});

	afterAll(async () => {
		await n8n?.stop();
		await sim?.stop();
		await registry?.stop();
	});

	it('installs by name through POST /rest/community-packages (the editor\'s Install button), from the registry', async () => {
		expect(existsSync(packageDir)).toBe(false);
		expect((await client.nodeTypes()).filter((type) => type.name.startsWith(`${PACKAGE_NAME}.`))).toEqual([]);

		const result = await client.rest<InstalledPackage>('POST', '/community-packages', { name: PACKAGE_NAME });
		expect(result).toMatchObject({ packageName: PACKAGE_NAME, installedVersion: V });
		expect(result.installedNodes.map((node) => node.type).sort()).toEqual(NODE_TYPES);
		expect(installedVersionOnDisk()).toBe(V);

		const [listed] = await installed();
		expect(listed).toMatchObject({ packageName: PACKAGE_NAME, installedVersion: V, failedLoading: false });
		expect(listed.installedNodes).toHaveLength(8);
		const nodeTypes = (await client.nodeTypes()).map((type) => type.name);
		expect(NODE_TYPES.filter((type) => !nodeTypes.includes(type))).toEqual([]);
		const credentialTypes = (await client.credentialTypes()).map((type) => type.name);
		expect(CREDENTIAL_TYPES).toHaveLength(3);
		expect(CREDENTIAL_TYPES.filter((type) => !credentialTypes.includes(type))).toEqual([]);

		// n8n ran npm with its default registry (its setting is unchanged); the wrapper redirected it.
		// `npm view` runs only when n8n's HTTP version check at that registry failed (no such version there).
		const calls = registry.calls();
		expect(calls).toContain(`view ${PACKAGE_NAME}@latest version --json --registry=${DEFAULT_REGISTRY}`);
		expect(calls).toContain(`pack ${PACKAGE_NAME}@latest --quiet --registry=${DEFAULT_REGISTRY}`);
		expect(calls.filter((call) => call.includes('--registry=') && !call.includes(`--registry=${DEFAULT_REGISTRY}`))).toEqual([]);
	});

	it('runs a demo workflow against the simulator', async () => {
		({ refs: credentials } = await ensureCredentials(client, sim.urls));
		const example = loadExamples().find((candidate) => candidate.file === 'bulk-imei-unlock.json')!;
		const { status, body, execution } = await runOnDemand(client, target(), example);
		expect(status).toBe(200);
		expect(nodeOutput(execution, 'Validate IMEI').map((item) => item.valid)).toEqual([true, true, true, false, true]);
		const orders = body as Array<{ status: string; order_id: string }>;
		expect(orders).toHaveLength(2);
		for (const order of orders) expect(order).toMatchObject({ status: 'success', order_id: expect.stringMatching(/^ord_/) });
	});

	let unlockWorkflow: string;
	let logWorkflow: string;
	let hooksBefore: FlexUnlockHook[];
	const placeOrder = async () => {
		const res = await simRequest<{ order_id: string }>(target(), 'POST', '/flexunlock/v1/unlock/order', {
			headers: { authorization: `Bearer ${flexUnlockKeys.bigSeller.key}` },
			body: { imei: flexUnlockFixtures.eligibleImei, carrier: 'T-Mobile', service: 'Activation' },
		});
		expect(res.status).toBe(200);
		return res.body.order_id;
	};
	/** Finished executions started by the order's delivery (one still running has no output yet). */
	const executionsFor = async (orderId: string) =>
		(await client.executions(unlockWorkflow))
			.filter(isDone)
			.filter((execution) => (nodeOutput(execution, 'FlexUnlock Trigger')[0].data as { order_id: string }).order_id === orderId);
	const logReads = () => sim.flexykey.requestLog.filter((entry) => entry.path.endsWith('/Logs')).length;

	describe('update in place while a FlexUnlock Trigger and a FlexyKey Log Trigger are published', () => {
		const logRowsAdded: number[] = [];
		const flexyKeyAuth = { authorization: `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}` };
		/** The unit's log rows as the API lists them (the last 500). */
		const logIdsAtSim = async () => {
			const res = await simRequest<Array<{ logId: number }>>(target(), 'GET', `/flexykey/v1/Logs?unitId=${LOG_UNIT}`, { headers: flexyKeyAuth });
			expect(res.status).toBe(200);
			return res.body.map((row) => row.logId);
		};
		/** Adds access-log rows stamped now, and remembers their ids. */
		const addLogRows = async (count: number) => {
			const before = new Set(await logIdsAtSim());
			const now = Date.now();
			sim.flexykey.addLogs(LOG_UNIT, count, now, now);
			const added = (await logIdsAtSim()).filter((id) => !before.has(id));
			expect(added).toHaveLength(count);
			logRowsAdded.push(...added);
		};
		const emittedLogIds = async () =>
			(await client.executions(logWorkflow)).filter(isDone).flatMap((execution: Execution) => nodeOutput(execution, 'FlexyKey Log Trigger').map((row) => row.logId as number));

		beforeAll(async () => {
			const [unlock] = await importExamples(client, credentials, loadExamples().filter((example) => example.file === 'flexunlock-unlock-completed.json'));
			expect(unlock.published).toBe(true);
			unlockWorkflow = unlock.id;
			const created = await client.createWorkflow({
				name: 'FlexyKey Log Trigger [install e2e]',
				nodes: [
					{
						id: 'log-trigger',
						name: 'FlexyKey Log Trigger',
						type: `${PACKAGE_NAME}.flexyKeyLogTrigger`,
						typeVersion: 1,
						position: [0, 0],
						parameters: { pollTimes: { item: every15s() }, units: { unit: [{ unit: { __rl: true, mode: 'id', value: String(LOG_UNIT) } }] } },
						credentials: { flexyKeyApi: { id: credentials.flexyKeyApi.id, name: credentials.flexyKeyApi.name } },
					},
				],
				connections: {},
			});
			logWorkflow = created.id;
			const readsBefore = logReads();
			await client.publishWorkflow(logWorkflow);
			// The poll at publication takes the baseline and emits nothing.
			await waitFor('the Log Trigger baseline poll', async () => (logReads() > readsBefore ? true : undefined));
			hooksBefore = await waitFor('the FlexUnlock registration', async () => {
				const hooks = await flexUnlockHooks();
				return hooks.length > 0 ? hooks : undefined;
			});
			expect(hooksBefore).toHaveLength(1);
		});

		it('before the update: a delivery runs once, new log rows are emitted once', async () => {
			const orderId = await placeOrder();
			await waitFor('the order\'s execution', async () => ((await executionsFor(orderId)).length > 0 ? true : undefined));
			await addLogRows(2);
			await waitFor('the rows before the update', async () => ((await emittedLogIds()).length >= 2 ? true : undefined), 40_000);
			expect((await executionsFor(orderId)).map((execution) => execution.status)).toEqual(['success']);
		});

		it('PATCH /rest/community-packages updates to V+1: same registration, cursor kept, deliveries run once', async () => {
			await addLogRows(2); // before the update, not yet polled (or polled: either way emitted once)
			await registry.publish(V_NEXT);
			// The editor offers the update (n8n's `npm outdated`, through the same npm).
			const [offered] = await installed();
			expect(offered.updateAvailable).toBe(V_NEXT);

			const updated = await client.rest<InstalledPackage>('PATCH', '/community-packages', { name: PACKAGE_NAME, version: V_NEXT });
			expect(updated.installedVersion).toBe(V_NEXT);
			expect(installedVersionOnDisk()).toBe(V_NEXT);
			expect((await installed())[0]).toMatchObject({ installedVersion: V_NEXT, failedLoading: false });
			await addLogRows(2);

			// 0 orphaned, 0 duplicated: the one registration is the one made at publication.
			expect(await flexUnlockHooks()).toEqual(hooksBefore);
			const orderId = await placeOrder();
			await waitFor('the order\'s execution after the update', async () => ((await executionsFor(orderId)).length > 0 ? true : undefined));
			// Proving that no second execution comes has no event to wait on: give a duplicate (a second
			// registration firing, a redelivery) the time it would need to show, then count.
			await sleep(2_000);
			expect((await executionsFor(orderId)).map((execution) => execution.status)).toEqual(['success']);
			expect(await flexUnlockHooks()).toEqual(hooksBefore);

			await waitFor('every added row', async () => ((await emittedLogIds()).length >= logRowsAdded.length ? true : undefined), 40_000);
			const emitted = await emittedLogIds();
			expect([...emitted].sort((a, b) => a - b)).toEqual([...logRowsAdded].sort((a, b) => a - b));
		});
	});

	describe('uninstall with the triggers still published (docs/install.md#uninstalling)', () => {
		const hooksUntil = (what: string, done: (hooks: FlexUnlockHook[]) => boolean) =>
			waitFor(what, async () => {
				const hooks = await flexUnlockHooks();
				return done(hooks) ? hooks : undefined;
			});

		it('n8n does not refuse: the package goes, its workflows stay published and the registration stays at the vendor', async () => {
			await client.rest('DELETE', `/community-packages?name=${encodeURIComponent(PACKAGE_NAME)}`);
			expect(existsSync(packageDir)).toBe(false);
			expect(await installed()).toEqual([]);
			const active = Object.fromEntries((await client.listWorkflows()).map((workflow) => [String(workflow.id), workflow.active]));
			expect([active[unlockWorkflow], active[logWorkflow]]).toEqual([true, true]);
			expect(await flexUnlockHooks()).toEqual(hooksBefore);
		});

		it('then deliveries are refused and run nothing, the Log Trigger stops reading, and unpublishing leaves the registration behind', async () => {
			const reads = logReads();
			const since = Date.now();
			const executions = (await client.executions(unlockWorkflow)).length;
			const orderId = await placeOrder();
			const statuses = await waitFor('the order\'s deliveries to be answered', async () => {
				const sent = (await simRequest<Array<{ api: string; body: string; status?: number }>>(target(), 'GET', '/_sim/deliveries')).body.filter(
					(delivery) => delivery.api === 'flexunlock' && delivery.body.includes(orderId),
				);
				// created and processing are not subscribed: completed is the one delivery
				return sent.length > 0 && sent.every((delivery) => delivery.status !== undefined) ? sent.map((delivery) => delivery.status) : undefined;
			});
			expect(statuses).toEqual([400]);
			expect(await client.executions(unlockWorkflow)).toHaveLength(executions);
			// A poll time passes every 15 s: none of them reads the API any more.
			await sleep(Math.max(0, since + 16_000 - Date.now()));
			expect(logReads()).toBe(reads);

			await client.unpublishWorkflow(unlockWorkflow);
			await client.unpublishWorkflow(logWorkflow);
			expect(await flexUnlockHooks()).toEqual(hooksBefore);
		});

		it('the way out: install again, publish (the trigger adopts its registration), unpublish, uninstall: nothing left at the vendor', async () => {
			const again = await client.rest<InstalledPackage>('POST', '/community-packages', { name: PACKAGE_NAME });
			expect(again.installedVersion).toBe(V_NEXT);
			const lists = () => sim.flexunlock.requests.filter((entry) => entry.method === 'GET' && entry.path.endsWith('/webhooks')).length;
			const listed = lists();
			await client.publishWorkflow(unlockWorkflow);
			// Publishing looked its stored registration up at the vendor and kept it: still one, the same.
			await waitFor('the activation\'s registration check', async () => (lists() > listed ? true : undefined));
			expect(await flexUnlockHooks()).toEqual(hooksBefore);
			await client.unpublishWorkflow(unlockWorkflow);
			await hooksUntil('the registration to go', (hooks) => hooks.length === 0);
			await client.rest('DELETE', `/community-packages?name=${encodeURIComponent(PACKAGE_NAME)}`);
			expect(await installed()).toEqual([]);
			expect(await flexUnlockHooks()).toEqual([]);
		});
	});
});
