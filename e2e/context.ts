/**
 * What the global setup hands to the e2e test files (through a JSON file: Jest runs the setup and
 * the tests in separate module registries), plus small helpers for the tests.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_OWNER, N8nClient, type Execution, type WorkflowJson } from '../scripts/n8n-api';
import { LOCAL_DIR } from '../scripts/paths';
import { waitFor } from '../scripts/poll';
import type { QueueProcessInfo } from '../scripts/n8n-queue';
import { withCredentials, type CredentialRefs, type Example, type SimulatorUrls } from '../scripts/provision';

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

export { sleep, waitFor } from '../scripts/poll';

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
	context: Pick<E2eContext, 'simBaseUrl'>,
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

/** The example with its Manual Trigger replaced by a Webhook node answering with the last node's items. */
function onDemand(workflow: WorkflowJson, path: string): WorkflowJson {
	const manual = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (manual.length !== 1) throw new Error(`"${workflow.name}" has ${manual.length} Manual Triggers, not one`);
	return {
		...workflow,
		name: `${workflow.name} [e2e]`,
		nodes: workflow.nodes.map((node) =>
			node.type !== 'n8n-nodes-base.manualTrigger'
				? node
				: {
						...node,
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhookId: randomUUID(),
						parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
					},
		),
	};
}

/**
 * Runs an example that starts by hand: imports it with a Webhook node in place of its Manual Trigger,
 * publishes and calls it; returns the HTTP answer and the execution (which must have succeeded).
 */
export async function runOnDemand(
	client: N8nClient,
	target: { webhookUrl: string; credentials: CredentialRefs },
	{ file, workflow }: Example,
): Promise<{ status: number; body: unknown; execution: Execution }> {
	const path = `e2e-${file.replace(/\.json$/, '')}`;
	const created = await client.createWorkflow(withCredentials(onDemand(workflow, path), target.credentials));
	await client.publishWorkflow(created.id);
	// Production webhooks go live shortly after publishing returns: retry while n8n answers 404.
	const { res, text } = await waitFor(`webhook ${path}`, async () => {
		const answer = await fetch(`${target.webhookUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const body = await answer.text();
		return answer.status === 404 ? undefined : { res: answer, text: body };
	}, 10_000);
	const [execution] = await waitForExecutions(client, created.id, 1);
	if (execution.status !== 'success') throw new Error(`${file}: execution ${execution.id} ${execution.status}: ${JSON.stringify(execution.data?.resultData.error)}`);
	return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, execution };
}
