/**
 * Calls a node's `loadOptions` / `listSearch` method the way the n8n editor does: through n8n-core's
 * real `LoadOptionsContext`, with the node's current parameters and a credential whose
 * `authenticate` is applied by the harness credentials helper, so the HTTP call is real.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { HarnessCredentialsHelper, type CredentialValues } from './credentials-helper';
import { PACKAGE_NAME } from './package-types';
import { harnessNodeTypes } from './run-workflow';

export interface LoadOptionsCall {
	/** Package node name, e.g. `flexyKey`. */
	nodeType: string;
	/** The node's current parameters (what the editor sends as `currentNodeParameters`). */
	parameters: INodeParameters;
	credentials: CredentialValues;
	/** The credential type the node uses, e.g. `flexyKeyApi`. */
	credentialType: string;
	/** Path of the parameter being loaded, e.g. `parameters.outputNumber`. */
	path?: string;
}

function contextFor(call: LoadOptionsCall): { context: LoadOptionsContext; type: INodeType; helper: HarnessCredentialsHelper } {
	const fullType = `${PACKAGE_NAME}.${call.nodeType}`;
	const node: INode = {
		id: 'node-under-test',
		name: 'Node Under Test',
		type: fullType,
		typeVersion: 1,
		position: [0, 0],
		parameters: call.parameters,
		credentials: { [call.credentialType]: { id: `${call.credentialType}-1`, name: `${call.credentialType} account` } },
	};
	const nodeTypes = harnessNodeTypes();
	const workflow = new Workflow({ id: 'load-options', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const helper = new HarnessCredentialsHelper(call.credentials);
	const additionalData = {
		credentialsHelper: helper,
		currentNodeParameters: call.parameters,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, call.path ?? 'parameters');
	return { context, type: nodeTypes.getByNameAndVersion(fullType, 1), helper };
}

export async function callLoadOptions(method: string, call: LoadOptionsCall): Promise<INodePropertyOptions[]> {
	const { context, type } = contextFor(call);
	const loader = type.methods?.loadOptions?.[method];
	if (!loader) throw new Error(`${call.nodeType} has no loadOptions method ${method}`);
	return loader.call(context);
}

export async function callListSearch(method: string, call: LoadOptionsCall, filter?: string): Promise<INodeListSearchResult> {
	const { context, type } = contextFor(call);
	const search = type.methods?.listSearch?.[method];
	if (!search) throw new Error(`${call.nodeType} has no listSearch method ${method}`);
	return search.call(context, filter);
}
