/**
 * Runs a real n8n workflow (JSON as n8n exports it) in-process through n8n-core's WorkflowExecute,
 * following the recipe of n8n's unpublished NodeTestHarness, with this package's node types and a
 * credentials helper holding decrypted values.
 */
import type { IConnections, IDataObject, INode, INodeExecutionData, IRun, IWorkflowSettings, WorkflowExecuteMode } from 'n8n-workflow';
import { HarnessCredentialsHelper, type CredentialValues } from './credentials-helper';
import { executeInProcess } from '../../scripts/engine-core';
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
	const order: string[] = [];
	const credentialsHelper = new HarnessCredentialsHelper(options.credentials);
	const run = await executeInProcess({
		...workflowJson,
		nodeTypes: harnessNodeTypes(),
		credentialsHelper,
		input: options.input ?? [{}],
		mode: options.mode,
		onNodeFinished: (nodeName) => order.push(nodeName),
	});
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

/**
 * A bulk run's output: no error, one item per input item, each paired with its input in order (what
 * every bulk test checks before its own per-item assertions).
 */
export function inputOrderOutput(run: WorkflowRun, nodeName: string, count: number): INodeExecutionData[] {
	expect(run.error).toBeUndefined();
	const output = run.output(nodeName);
	expect(output).toHaveLength(count);
	expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: count }, (_, index) => ({ item: index })));
	return output;
}
