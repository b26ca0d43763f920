/**
 * `npm start` as a user runs it (the compiled .build/scripts/start.js, on scratch ports and a scratch
 * user folder): a first start provisions everything, Ctrl-C stops n8n and the simulator, a second
 * start reuses all of it without duplicates and registers the trigger workflows again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { flexyKeyUsers } from '../simulator/demo-credentials';
import { DEMO_OWNER, N8nClient } from '../scripts/n8n-api';
import { freePort } from '../scripts/n8n-process';
import { isPackageTriggerWorkflow, loadExamples } from '../scripts/provision';
import { ROOT } from '../scripts/paths';
import { E2E_DIR, waitFor, waitForExecutions } from './context';

const START_JS = join(ROOT, '.build', 'scripts', 'start.js');
const userFolder = join(E2E_DIR, 'start-user');
/** Started processes not yet stopped: stopped after the tests whatever happened. */
const running = new Set<Started>();

interface Started {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

function start(env: Record<string, string>): Promise<Started> {
	const child = spawn(process.execPath, [START_JS], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
	const started: Started = { child, output: () => output, exited };
	running.add(started);
	void exited.then(() => running.delete(started));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 120_000);
		const check = () => {
			if (/\[start\] ready in/.test(output)) {
				clearTimeout(timer);
				resolve(started);
			}
		};
		child.stdout!.on('data', check);
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`));
		});
	});
}

async function stop(started: Started): Promise<number | null> {
	started.child.kill('SIGINT');
	return await started.exited;
}

async function isListening(url: string): Promise<boolean> {
	try {
		await fetch(url);
		return true;
	} catch {
		return false;
	}
}

describe('npm start', () => {
	let env: Record<string, string>;
	let n8nUrl: string;
	let simUrl: string;
	const examples = loadExamples();

	beforeAll(async () => {
		expect(existsSync(START_JS)).toBe(true);
		rmSync(userFolder, { recursive: true, force: true });
		const [n8nPort, brokerPort, simPort] = [await freePort(), await freePort(), await freePort()];
		env = { DEVICE_ACCESS_USER_FOLDER: userFolder, N8N_PORT: String(n8nPort), N8N_RUNNERS_BROKER_PORT: String(brokerPort), SIM_PORT: String(simPort) };
		n8nUrl = `http://127.0.0.1:${n8nPort}`;
		simUrl = `http://127.0.0.1:${simPort}`;
	});

	const simHooks = async () => {
		const state = (await (await fetch(`${simUrl}/_sim/state`)).json()) as {
			flexunlock: { webhooks: unknown[] };
			flexykey: { webhooks: unknown[] };
		};
		return [state.flexunlock.webhooks.length, state.flexykey.webhooks.length];
	};

	/** One registration per trigger example (n8n registers them shortly after publishing). */
	const expectRegistered = async () => {
		const counts = await waitFor('the trigger registrations', async () => {
			const found = await simHooks();
			return found.every((count) => count > 0) ? found : undefined;
		});
		expect(counts).toEqual([1, 1]);
	};

	afterAll(async () => {
		await Promise.all([...running].map(stop));
	});

	/** Logged in as the owner, with the API key npm start saved in the user folder. */
	async function inspect() {
		const client = new N8nClient(n8nUrl);
		await client.login(DEMO_OWNER);
		client.apiKey = (JSON.parse(readFileSync(join(userFolder, 'start-state.json'), 'utf8')) as { apiKey: string }).apiKey;
		const workflows = await client.listWorkflows();
		const credentials = await client.listCredentials();
		return { client, workflows, credentials };
	}

	it('first start: owner, credentials, examples, published triggers, login printed; Ctrl-C stops everything', async () => {
		const started = await start(env);
		expect(started.output()).toContain(`Log in: ${DEMO_OWNER.email} / ${DEMO_OWNER.password}   (owner account just created)`);
		expect(started.output()).toContain(n8nUrl);

		const { workflows, credentials } = await inspect();
		expect(credentials.map((credential) => credential.type).sort()).toEqual(['cekSafeApi', 'flexUnlockApi', 'flexyKeyApi']);
		expect(workflows.map((workflow) => workflow.name).sort()).toEqual(examples.map((example) => example.workflow.name).sort());
		expect(workflows.filter((workflow) => workflow.active).map((workflow) => workflow.name).sort()).toEqual(
			examples.filter((example) => isPackageTriggerWorkflow(example.workflow)).map((example) => example.workflow.name).sort(),
		);
		await expectRegistered();

		expect(await stop(started)).toBe(0);
		expect(await isListening(n8nUrl)).toBe(false);
		expect(await isListening(simUrl)).toBe(false);
	});

	it('second start: reuses everything, re-registers the triggers with the new simulator, and they fire', async () => {
		const started = await start(env);
		try {
			expect(started.output()).not.toContain('owner account just created');
			expect(started.output()).not.toContain('imported');
			const { client, workflows, credentials } = await inspect();
			expect(credentials).toHaveLength(3);
			expect(workflows).toHaveLength(examples.length);
			await expectRegistered();

			const door = workflows.find((workflow) => workflow.name.startsWith('Door/IO changed'))!;
			const basic = `Basic ${Buffer.from(`${flexyKeyUsers.demo.username}:${flexyKeyUsers.demo.password}`).toString('base64')}`;
			const res = await fetch(`${simUrl}/flexykey/v1/Control`, {
				method: 'POST',
				headers: { authorization: basic, 'content-type': 'application/json' },
				body: JSON.stringify({ unitId: 3023, outputNumber: 'F2', outputAction: 'ON' }),
			});
			expect(res.status).toBe(200);
			const [execution] = await waitForExecutions(client, String(door.id), 1);
			expect(execution.status).toBe('success');
		} finally {
			expect(await stop(started)).toBe(0);
		}
		await waitFor('n8n to stop listening', async () => ((await isListening(n8nUrl)) ? undefined : true), 10_000);
	});
});
