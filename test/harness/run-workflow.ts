/**
 * Runs a real n8n workflow (JSON as n8n exports it) in-process through n8n-core's WorkflowExecute,
 * following the recipe of n8n's unpublished NodeTestHarness, with this package's node types and a
 * credentials helper holding decrypted values.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { HarnessCredentialsHelper, type CredentialValues } from './credentials-helper';
import { HarnessNodeTypes } from './node-types';

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface RunOptions {
	credentials: CredentialValues;
	/** Items the start node passes on (default: one empty item, as a manual run). */
	input?: IDataObject[];
	mode?: WorkflowExecuteMode;
}

export interface WorkflowRun {
	run: IRun;
	/** Node names in the order they finished. */
	order: string[];
	/** The error that stopped the run, if any. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
	/** Credential reads per credential type (each a database query and a decryption in n8n). */
	credentialReads: ReadonlyMap<string, number>;
	/** Output items of a node's first output (last run of that node). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	json(nodeName: string, outputIndex?: number): IDataObject[];
}

let nodeTypes: HarnessNodeTypes | undefined;

export function harnessNodeTypes(): HarnessNodeTypes {
	nodeTypes ??= new HarnessNodeTypes();
	return nodeTypes;
}

export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions): Promise<WorkflowRun> {
	const mode = options.mode ?? 'manual';
	const workflow = new Workflow({
		id: 'test-workflow',
		name: workflowJson.name ?? 'test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		nodeTypes: harnessNodeTypes(),
		settings: workflowJson.settings ?? { executionOrder: 'v1' },
		active: false,
	});

	const workflowData = { id: 'test-workflow', name: workflowJson.name ?? 'test', nodes: workflowJson.nodes, connections: workflowJson.connections } as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', workflowData);
	const order: string[] = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		order.push(nodeName);
	});
	let resolveFinished: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveFinished(fullRunData));

	const credentialsHelper = new HarnessCredentialsHelper(options.credentials);
	const additionalData = {
		hooks,
		credentialsHelper,
		executionId: 'test-execution',
		currentNodeParameters: undefined,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		userId: 'test-user',
		setExecutionStatus: () => undefined,
		logAiEvent: () => undefined,
		sendDataToUI: () => undefined,
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const startNode = workflow.getStartNode();
	if (!startNode) throw new Error('The workflow has no start node');
	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			metadata: {},
			contextData: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: startNode, data: { main: [input] }, source: null }],
		},
	} as unknown as IRunExecutionData;

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const run = await finished;
	return toWorkflowRun(run, order, credentialsHelper.decryptions);
}

function toWorkflowRun(run: IRun, order: string[], credentialReads: ReadonlyMap<string, number>): WorkflowRun {
	const output = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
		const runs = run.data.resultData.runData[nodeName];
		if (!runs?.length) {
			throw new Error(`Node "${nodeName}" did not run${run.data.resultData.error ? `: ${run.data.resultData.error.message}` : ''}`);
		}
		return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	};
	return {
		run,
		order,
		credentialReads,
		error: run.data.resultData.error as WorkflowRun['error'],
		output,
		json: (nodeName, outputIndex) => output(nodeName, outputIndex).map((item) => item.json),
	};
}
