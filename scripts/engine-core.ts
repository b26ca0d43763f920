/**
 * The in-process n8n engine shared by the workflow tests and the benchmark: a Manual Trigger
 * stand-in, a credentials helper that applies `authenticate` as n8n's own does, and one call that runs
 * a workflow through n8n-core's WorkflowExecute (the recipe of n8n's unpublished NodeTestHarness).
 * It imports `n8n-core`/`n8n-workflow` by name, so the benchmark can point it at an installed n8n's copies.
 */
import { Credentials, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IVersionedNodeType,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';

/**
 * Stands in for n8n's Manual Trigger: passes on the items the run starts with, as n8n's own test
 * harness does by seeding the start node's input.
 */
export class ManualTriggerStandIn implements INodeType {
	description = {
		displayName: 'When clicking "Execute workflow"',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Stand-in for n8n-nodes-base.manualTrigger',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

/** Node types looked up in a map by their full name (`package.node`), versions resolved as n8n does. */
export class NodeTypeRegistry implements INodeTypes {
	constructor(readonly types: Map<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, { className: name, sourcePath: '' }]));
	}
}

/** A credentials helper whose `authenticate` is n8n's; subclasses decide how values are stored. */
export abstract class InProcessCredentialsHelper extends ICredentialsHelper {
	constructor(readonly types: Map<string, ICredentialType>) {
		super();
	}

	protected type(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	/** As n8n's CredentialsHelper: generic properties resolved as expressions against `$credentials`. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: WorkflowType,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		const request = incoming as IHttpRequestOptions & Record<string, Record<string, string>>;
		if (typeof authenticate === 'function') return authenticate(credentials, request);
		if (authenticate?.type !== 'generic') return request;
		if (!workflow || !node) throw new Error('authenticate needs the workflow and node, as in n8n');
		const resolve = (value: string) =>
			isExpression(value)
				? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '')
				: value;
		for (const [outer, entries] of Object.entries(authenticate.properties)) {
			request[outer] ??= {};
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				request[outer][resolve(key)] = resolve(value);
			}
		}
		return request;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_expired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	abstract getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject>;

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id ?? null, name: nodeCredentials.name }, type, '');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

export interface InProcessRun {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	name?: string;
	nodeTypes: INodeTypes;
	credentialsHelper: ICredentialsHelper;
	/** Items the start node passes on. */
	input: IDataObject[];
	mode?: WorkflowExecuteMode;
	/** Called with each node's name as it finishes. */
	onNodeFinished?: (nodeName: string) => void;
}

/** What n8n hands a node context besides the workflow: credentials, URLs, no-op reporting hooks. */
export function inProcessAdditionalData(credentialsHelper: ICredentialsHelper, extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		executionId: undefined,
		currentNodeParameters: undefined,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'in-process-user',
		setExecutionStatus: () => undefined,
		logAiEvent: () => undefined,
		sendDataToUI: () => undefined,
		getRunExecutionData: async () => undefined,
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs the workflow from its start node through WorkflowExecute and resolves with the finished run. */
export async function executeInProcess(spec: InProcessRun): Promise<IRun> {
	const mode = spec.mode ?? 'manual';
	const name = spec.name ?? 'in-process';
	const workflow = new Workflow({
		id: 'in-process-workflow',
		name,
		nodes: spec.nodes,
		connections: spec.connections,
		nodeTypes: spec.nodeTypes,
		settings: spec.settings ?? { executionOrder: 'v1' },
		active: false,
	});
	const workflowData = { id: 'in-process-workflow', name, nodes: spec.nodes, connections: spec.connections } as unknown as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, 'in-process-execution', workflowData);
	if (spec.onNodeFinished) hooks.addHandler('nodeExecuteAfter', (nodeName) => spec.onNodeFinished?.(nodeName));
	let resolveFinished: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

	const additionalData = inProcessAdditionalData(spec.credentialsHelper, { hooks, executionId: 'in-process-execution' });

	const startNode = workflow.getStartNode();
	if (!startNode) throw new Error('The workflow has no start node');
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: startNode, data: { main: [spec.input.map((json) => ({ json }))] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	return finished;
}
