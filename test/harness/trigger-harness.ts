/**
 * Drives this package's webhook trigger nodes the way n8n does, with n8n-core's real HookContext and
 * WebhookContext:
 *
 * - `activate()` / `deactivate()` follow ActiveWorkflowManager: `checkExists`, then `create` only if
 *   it said false (mode `trigger`); on failure the webhooks are cleared again with `delete`; removal
 *   runs `delete` in mode `internal`, activation `update`, with the saved static data. Static data is
 *   "saved" (copied out) after each step, as n8n saves it to the database.
 * - `listenForTest()` / `stopTest()` follow TestWebhooks: `manual` mode, the `/webhook-test/` URL, fresh
 *   static data each time, and the registration removed after the first execution.
 * - A `WebhookReceiver` on 127.0.0.1:0 serves both URLs, so the simulator's real signed deliveries reach
 *   `webhook()`. Before the node runs it reads the raw body with n8n's size limit and parses JSON
 *   bodies as n8n's body parser does (invalid JSON → 422, too large → 413, no node call).
 * - When `webhook()` returns workflow data, n8n starts the execution (`WorkflowRunner.run` writes it to
 *   the database or queues it) and only then answers a trigger's `onReceived` delivery: 200, or 500
 *   "There was a problem executing the workflow" when the start throws (`executeWebhook` in n8n
 *   2.40.7's `webhooks/webhook-helpers.js`). `failNextExecutionStarts(n)` makes the next n starts throw,
 *   as a database timeout under a burst does.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { HarnessCredentialsHelper, type CredentialValues } from './credentials-helper';
import { PACKAGE_NAME } from './package-types';
import { harnessNodeTypes } from './run-workflow';

/** n8n's default N8N_PAYLOAD_SIZE_MAX (16 MiB). */
export const PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** One HTTP server standing in for n8n's webhook endpoints (`/webhook/…` and `/webhook-test/…`). */
export class WebhookReceiver {
	private readonly routes = new Map<string, Handler>();

	private constructor(
		private readonly server: Server,
		readonly baseUrl: string,
	) {}

	static async start(): Promise<WebhookReceiver> {
		const ready: { receiver?: WebhookReceiver } = {};
		const server = createServer((req, res) => {
			void ready.receiver!.dispatch(req, res);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		ready.receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`);
		return ready.receiver;
	}

	get webhookBaseUrl(): string {
		return `${this.baseUrl}/webhook`;
	}

	get webhookTestBaseUrl(): string {
		return `${this.baseUrl}/webhook-test`;
	}

	route(path: string, handler: Handler): void {
		this.routes.set(path, handler);
	}

	unroute(path: string): void {
		this.routes.delete(path);
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? '/', this.baseUrl).pathname.replace(/\/+$/, '');
		const handler = req.method === 'POST' ? this.routes.get(path) : undefined;
		if (!handler) {
			req.resume();
			res.statusCode = 404;
			res.end(JSON.stringify({ code: 404, message: 'The requested webhook is not registered.' }));
			return;
		}
		try {
			await handler(req, res);
		} catch (error) {
			if (!res.writableEnded) {
				res.statusCode = 500;
				res.end(JSON.stringify({ message: (error as Error).message }));
			}
		}
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

/** One request that reached a trigger's URL, and what came of it. */
export interface WebhookCall {
	mode: 'production' | 'test';
	headers: IncomingMessage['headers'];
	/** Bytes received. */
	size: number;
	/** The HTTP status answered. */
	status: number;
	responseBody: string;
	/** Whether `webhook()` was called (n8n's body parser may answer first). */
	nodeCalled: boolean;
	/** Items of the execution `webhook()` asked for, if n8n started it. */
	items?: INodeExecutionData[];
	/** Why n8n could not start the execution `webhook()` asked for (answered 500, nothing ran). */
	startError?: Error;
	/** What `webhook()` threw, if it threw. */
	error?: Error;
}

export interface TriggerSpec {
	/** `flexUnlockTrigger` or `flexyKeyTrigger`. */
	type: string;
	parameters: INodeParameters;
	credentials: CredentialValues;
	name?: string;
	/** The node's webhookId (n8n assigns a UUID per node). */
	webhookId?: string;
	/** The node's id (n8n assigns a UUID per node; it stays across saves). */
	nodeId?: string;
	workflowId?: string;
	/** The node's typeVersion; by default the version the editor gives a new node (its `defaultVersion`). */
	typeVersion?: number;
}

/** One line a node logged through `this.logger`. */
export interface LoggedLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

const credentialTypeOf: Record<string, string> = { flexUnlockTrigger: 'flexUnlockApi', flexyKeyTrigger: 'flexyKeyApi' };

/** The version n8n's editor gives a node dropped on the canvas: `defaultVersion`, else the highest offered. */
function newNodeVersion(type: string): number {
	const { version, defaultVersion } = (harnessNodeTypes().getByName(type) as INodeType).description;
	return defaultVersion ?? Math.max(...(Array.isArray(version) ? version : [version]));
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

/**
 * Runs `body` as if `ms` had passed: `Date.now()` reads that much later inside it (the triggers keep a
 * credential read for a while, nodes/shared/webhook-delivery.ts), restored after.
 */
export async function later<T>(ms: number, body: () => Promise<T>): Promise<T> {
	const realNow = Date.now.bind(Date);
	const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + ms);
	try {
		return await body();
	} finally {
		spy.mockRestore();
	}
}

/** One workflow holding one trigger node, activated, deactivated and called like n8n does. */
export class TriggerHarness {
	readonly node: INode;
	readonly workflowId: string;
	readonly credentialsHelper: HarnessCredentialsHelper;
	/** The production static data as n8n would have saved it in the database. */
	staticData: IDataObject = {};
	/** Static data of the current test registration (n8n keeps it with the registration). */
	testStaticData: IDataObject | undefined;
	active = false;
	listening = false;
	readonly calls: WebhookCall[] = [];
	/** What the node logged (HookContext and WebhookContext loggers), in order. */
	readonly logs: LoggedLine[] = [];
	/**
	 * Errors `delete` threw while n8n cleared a failed activation. n8n logs each one (and retries,
	 * then logs "Abandoned webhook…"); the harness records them instead of swallowing them.
	 */
	readonly cleanupErrors: Error[] = [];
	private readonly inFlight = new Set<Promise<void>>();
	private executionStartsToFail = 0;

	constructor(
		private readonly receiver: WebhookReceiver,
		private readonly spec: TriggerSpec,
	) {
		const credentialType = credentialTypeOf[spec.type];
		this.workflowId = spec.workflowId ?? `wf-${randomUUID().slice(0, 8)}`;
		this.node = {
			id: spec.nodeId ?? randomUUID(),
			name: spec.name ?? (spec.type === 'flexUnlockTrigger' ? 'FlexUnlock Trigger' : 'FlexyKey Trigger'),
			type: `${PACKAGE_NAME}.${spec.type}`,
			typeVersion: spec.typeVersion ?? newNodeVersion(`${PACKAGE_NAME}.${spec.type}`),
			position: [0, 0],
			parameters: spec.parameters,
			credentials: credentialType ? { [credentialType]: { id: `${credentialType}-1`, name: `${credentialType} account` } } : undefined,
			webhookId: spec.webhookId ?? randomUUID(),
		};
		this.credentialsHelper = new HarnessCredentialsHelper(spec.credentials);
	}

	/**
	 * The same workflow after an n8n restart: a new process (new harness, nothing in memory but what
	 * n8n saved) with the same workflow, node, credential and the saved static data.
	 */
	restarted(): TriggerHarness {
		const next = new TriggerHarness(this.receiver, {
			...this.spec,
			parameters: copy(this.node.parameters),
			name: this.node.name,
			webhookId: this.node.webhookId,
			nodeId: this.node.id,
			workflowId: this.workflowId,
		});
		next.credentialsHelper.setValues(this.credentialsHelper.currentValues());
		next.staticData = copy(this.staticData);
		return next;
	}

	/** The workflow as n8n stores it and returns it (public API, REST, export): nodes and static data. */
	workflowJson(): string {
		return JSON.stringify({
			id: this.workflowId,
			name: `Trigger test ${this.workflowId}`,
			active: this.active,
			nodes: [this.node],
			connections: {},
			settings: { executionOrder: 'v1' },
			staticData: this.staticData,
		});
	}

	get nodeType(): INodeType {
		return harnessNodeTypes().getByNameAndVersion(this.node.type, this.node.typeVersion);
	}

	get productionUrl(): string {
		return `${this.receiver.webhookBaseUrl}/${this.node.webhookId}/webhook`;
	}

	get testUrl(): string {
		return `${this.receiver.webhookTestBaseUrl}/${this.node.webhookId}/webhook`;
	}

	/** Node-scoped static data (what the node sees through `getWorkflowStaticData('node')`). */
	nodeStaticData(which: 'production' | 'test' = 'production'): IDataObject {
		const data = which === 'production' ? this.staticData : (this.testStaticData ?? {});
		return (data[`node:${this.node.name}`] as IDataObject | undefined) ?? {};
	}

	/** Changes node parameters, as saving the workflow in the editor does. */
	setParameters(parameters: INodeParameters): void {
		this.node.parameters = { ...this.node.parameters, ...parameters };
	}

	/** Resolves once every request handled so far is done, including work after its answer (test clean-up). */
	async settled(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
	}

	/** The next `count` executions `webhook()` asks for fail to start, as when n8n's database times out. */
	failNextExecutionStarts(count = 1): void {
		this.executionStartsToFail = count;
	}

	/** The node's parameters as n8n resolves them when it loads the workflow (undeclared ones dropped, defaults added). */
	loadedParameters(): INodeParameters {
		return this.workflow({}, false).getNode(this.node.name)!.parameters;
	}

	executions(mode?: 'production' | 'test'): INodeExecutionData[][] {
		return this.calls.filter((call) => call.items && (!mode || call.mode === mode)).map((call) => call.items!);
	}

	/** ActiveWorkflowManager.addWebhooks: checkExists → create; on failure clear (delete) and rethrow. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<{ existed: boolean }> {
		const workflow = this.workflow(this.staticData, true);
		const context = this.hookContext(workflow, 'trigger', activation, false);
		const methods = this.methods();
		let existed = false;
		try {
			existed = await methods.checkExists.call(context);
			if (!existed) await methods.create.call(context);
		} catch (error) {
			// n8n removes the workflow's webhooks again, from the static data saved before this activation.
			await this.runDelete(this.staticData, false).then(
				(saved) => (this.staticData = saved),
				(cleanupError: Error) => this.cleanupErrors.push(cleanupError),
			);
			throw error;
		}
		this.staticData = copy(workflow.staticData);
		this.active = true;
		this.receiver.route(new URL(this.productionUrl).pathname, (req, res) => this.track(this.handle(req, res, 'production')));
		return { existed };
	}

	/** Only the `checkExists` step of an activation (its answer), with the saved static data. */
	async checkExists(activation: WorkflowActivateMode = 'init'): Promise<boolean> {
		const workflow = this.workflow(this.staticData, true);
		return await this.methods().checkExists.call(this.hookContext(workflow, 'trigger', activation, false));
	}

	/** ActiveWorkflowManager.clearWebhooks: delete (mode internal, activation update), then save static data. */
	async deactivate(): Promise<void> {
		this.receiver.unroute(new URL(this.productionUrl).pathname);
		this.active = false;
		this.staticData = await this.runDelete(this.staticData, false);
	}

	/** TestWebhooks.needsWebhook: fresh static data, manual mode, the test URL. */
	async listenForTest(): Promise<{ existed: boolean }> {
		const workflow = this.workflow({}, false);
		const context = this.hookContext(workflow, 'manual', 'manual', true);
		const methods = this.methods();
		let existed = false;
		try {
			existed = await methods.checkExists.call(context);
			if (!existed) await methods.create.call(context);
		} catch (error) {
			// TestWebhooks.deactivateWebhooks with the same workflow object
			await methods.delete
				.call(this.hookContext(workflow, 'internal', 'update', true))
				.catch((cleanupError: Error) => this.cleanupErrors.push(cleanupError));
			throw error;
		}
		this.testStaticData = copy(workflow.staticData);
		this.listening = true;
		this.receiver.route(new URL(this.testUrl).pathname, (req, res) => this.track(this.handle(req, res, 'test')));
		return { existed };
	}

	/** TestWebhooks.deactivateWebhooks: delete with the registration's static data. */
	async stopTest(): Promise<void> {
		if (!this.listening) return;
		this.receiver.unroute(new URL(this.testUrl).pathname);
		this.listening = false;
		await this.runDelete(this.testStaticData ?? {}, true);
		this.testStaticData = undefined;
	}

	private track(work: Promise<void>): Promise<void> {
		this.inFlight.add(work);
		void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
		return work;
	}

	private methods() {
		const methods = this.nodeType.webhookMethods?.default;
		if (!methods?.checkExists || !methods.create || !methods.delete) throw new Error(`${this.node.type} has no complete webhook lifecycle`);
		return methods as Required<typeof methods>;
	}

	private async runDelete(staticData: IDataObject, isTest: boolean): Promise<IDataObject> {
		const workflow = this.workflow(staticData, false);
		await this.methods().delete.call(this.hookContext(workflow, 'internal', 'update', isTest));
		return copy(workflow.staticData);
	}

	private workflow(staticData: IDataObject, active: boolean): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: `Trigger test ${this.workflowId}`,
			nodes: [copy(this.node)],
			connections: {},
			active,
			nodeTypes: harnessNodeTypes(),
			staticData: copy(staticData),
			settings: { executionOrder: 'v1' },
		});
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentialsHelper,
			executionId: undefined,
			restApiUrl: `${this.receiver.baseUrl}/rest`,
			instanceBaseUrl: `${this.receiver.baseUrl}/`,
			webhookBaseUrl: this.receiver.webhookBaseUrl,
			webhookWaitingBaseUrl: `${this.receiver.baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: this.receiver.webhookTestBaseUrl,
			formWaitingBaseUrl: `${this.receiver.baseUrl}/form-waiting`,
			variables: {},
			userId: 'test-user',
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(isTest: boolean, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		const description = this.nodeType.description.webhooks![0] as IWebhookDescription;
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	private hookContext(workflow: Workflow, mode: WorkflowExecuteMode, activation: WorkflowActivateMode, isTest: boolean): HookContext {
		const additionalData = this.additionalData();
		const node = workflow.getNode(this.node.name)!;
		return this.recordLogs(new HookContext(workflow, node, additionalData, mode, activation, this.webhookData(isTest, additionalData)));
	}

	/** Routes the context's `logger` (n8n's process logger) into `this.logs`. */
	private recordLogs<T extends HookContext | WebhookContext>(context: T): T {
		const line = (level: LoggedLine['level']) => (message: string, meta?: unknown) => void this.logs.push({ level, message, meta });
		const logger = { error: line('error'), warn: line('warn'), info: line('info'), debug: line('debug') };
		Object.defineProperty(context, 'logger', { value: logger });
		return context;
	}

	/** What n8n's webhook request handling does around `webhook()` for one request. */
	private async handle(req: IncomingMessage, res: ServerResponse, mode: 'production' | 'test'): Promise<void> {
		const call: WebhookCall = { mode, headers: req.headers, size: 0, status: 0, responseBody: '', nodeCalled: false };
		this.calls.push(call);
		const response = expressLikeResponse(res, call);

		// n8n's rawBodyReader + parseBody run before the node.
		let rawBody: Buffer;
		try {
			rawBody = await readLimited(req, PAYLOAD_SIZE_MAX);
		} catch {
			response.status(413).send('request entity too large');
			return;
		}
		call.size = rawBody.length;
		const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		let body: unknown = {};
		if (rawBody.length > 0) {
			if (contentType === 'application/json') {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					response.status(422).send(JSON.stringify({ code: 422, message: 'Failed to parse request body' }));
					return;
				}
			} else if (contentType === 'text/plain') {
				body = rawBody.toString('utf8');
			}
		}
		const request = Object.assign(req, {
			body,
			query: Object.fromEntries(new URL(req.url ?? '/', this.receiver.baseUrl).searchParams),
			params: {},
			rawBody,
			readRawBody: async () => undefined,
		});

		const staticData = mode === 'production' ? this.staticData : {};
		const workflow = this.workflow(staticData, mode === 'production');
		if (mode === 'test' && this.testStaticData) workflow.setTestStaticData(copy(this.testStaticData));
		const additionalData = this.additionalData({
			httpRequest: request as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
			httpResponse: response as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
		});
		const node = workflow.getNode(this.node.name)!;
		const context = this.recordLogs(
			new WebhookContext(
				workflow,
				node,
				additionalData,
				mode === 'production' ? 'webhook' : 'manual',
				this.webhookData(mode === 'test', additionalData),
				[],
				null,
			),
		);

		let result: IWebhookResponseData;
		call.nodeCalled = true;
		try {
			result = await this.nodeType.webhook!.call(context);
		} catch (error) {
			// n8n answers 500 and records an error execution
			call.error = error as Error;
			if (!res.writableEnded) response.status(500).send(JSON.stringify({ message: 'Error in workflow' }));
			return;
		}
		if (mode === 'production') this.staticData = copy(workflow.staticData);

		if (result.noWebhookResponse === true) {
			if (!res.writableEnded) {
				call.error = new Error('webhook() returned noWebhookResponse without answering');
				response.status(500).end();
			}
			return;
		}
		if (result.workflowData === undefined) {
			response.status(200).send(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
			return;
		}
		if (this.executionStartsToFail > 0) {
			this.executionStartsToFail--;
			call.startError = new Error('the execution could not be saved (simulated database timeout)');
			response.status(500).send(JSON.stringify({ code: 500, message: 'There was a problem executing the workflow' }));
			return;
		}
		call.items = result.workflowData[0] ?? [];
		response.status(200).send(JSON.stringify({ message: 'Workflow was started' }));
		// A test registration is removed after the first execution.
		if (mode === 'test') await this.stopTest();
	}
}

async function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new Error('too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** The part of express's Response that nodes use. */
function expressLikeResponse(res: ServerResponse, call: WebhookCall) {
	const finish = (chunk?: string | Buffer) => {
		if (res.writableEnded) return;
		call.status = res.statusCode;
		if (chunk !== undefined) call.responseBody += chunk.toString();
		res.end(chunk);
	};
	const response = {
		status(code: number) {
			res.statusCode = code;
			return response;
		},
		setHeader(name: string, value: string) {
			res.setHeader(name, value);
			return response;
		},
		send(body?: unknown) {
			finish(body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body));
			return response;
		},
		json(body: unknown) {
			res.setHeader('content-type', 'application/json');
			finish(JSON.stringify(body));
			return response;
		},
		end(chunk?: string | Buffer) {
			finish(chunk);
			return response;
		},
		get headersSent() {
			return res.headersSent;
		},
	};
	return response;
}
