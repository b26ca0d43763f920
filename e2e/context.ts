/**
 * What the global setup hands to the e2e test files (through a JSON file: Jest runs the setup and
 * the tests in separate module registries), plus small helpers for the tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_OWNER, N8nClient, type Execution } from '../scripts/n8n-api';
import { LOCAL_DIR } from '../scripts/paths';
import type { QueueProcessInfo } from '../scripts/n8n-queue';
import type { CredentialRefs, SimulatorUrls } from '../scripts/provision';

export const E2E_DIR = join(LOCAL_DIR, 'e2e');
export const CONTEXT_FILE = join(E2E_DIR, 'context.json');

/** `single`: one n8n process; `queue`: main + webhook process + workers on PostgreSQL and Redis. */
export type E2eTopology = 'single' | 'queue';

export interface E2eContext {
	topology: E2eTopology;
	/** Editor, REST and public API (the main process in queue mode). */
	n8nUrl: string;
	/** Where production webhooks are served and registered: the webhook process in queue mode, else n8nUrl. */
	webhookUrl: string;
	apiKey: string;
	/** The owner's session, from the global setup. */
	sessionCookie?: string;
	simBaseUrl: string;
	simUrls: SimulatorUrls;
	credentials: CredentialRefs;
	/** Data of each demo credential (as stored), by type. */
	credentialData: Record<string, Record<string, string>>;
	n8nLog: string;
	/**
	 * Queue mode only: every process (name, command, URL, log), the webhook process's pid file, and the
	 * load balancer in front of it (`none` where HAProxy is missing and the run is not root).
	 */
	queue?: { processes: QueueProcessInfo[]; webhookPidFile: string; balancer: 'haproxy' | 'none' };
}

export function readContext(): E2eContext {
	return JSON.parse(readFileSync(CONTEXT_FILE, 'utf8')) as E2eContext;
}

/**
 * A client with the owner's session (cookie for /rest) and the run's API key. The global setup's
 * session is reused: n8n allows 5 logins per account and minute, fewer than the files that connect.
 */
export async function connect(context = readContext()): Promise<N8nClient> {
	const client = new N8nClient(context.n8nUrl);
	if (context.sessionCookie) client.cookie = context.sessionCookie;
	else await client.login(DEMO_OWNER);
	client.apiKey = context.apiKey;
	return client;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

/** Not queued ('new': in queue mode, waiting for a worker) and not running. */
export const isDone = (execution: Execution) => execution.finished || (execution.status !== 'running' && execution.status !== 'new');

/** Waits until the workflow has at least `count` finished executions; returns them newest first. */
export async function waitForExecutions(client: N8nClient, workflowId: string, count: number, timeoutMs = 20_000): Promise<Execution[]> {
	return waitFor(`${count} execution(s) of workflow ${workflowId}`, async () => {
		// A busy n8n lists an execution as `new` before it runs, with no data yet: not finished either.
		const executions = (await client.executions(workflowId)).filter(isDone);
		return executions.length >= count ? executions : undefined;
	}, timeoutMs);
}

/** The JSON of every item a node output (first run, first output unless given). */
export function nodeOutput(execution: Execution, nodeName: string, output = 0): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs || runs.length === 0) throw new Error(`node "${nodeName}" did not run in execution ${execution.id}`);
	return (runs[0].data?.main[output] ?? []).map((item) => item.json);
}

/** `GET|POST|... <simulator>/<path>` with JSON in and out. */
export async function simRequest<T = unknown>(
	context: E2eContext,
	method: string,
	path: string,
	options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
	const res = await fetch(`${context.simBaseUrl}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...options.headers },
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
	});
	const text = await res.text();
	return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}
