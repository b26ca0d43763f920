/**
 * Runs a credential type's `test` request the way n8n's CredentialsTester does when a user clicks
 * "Test" in the credential modal: a temporary node whose one property routes the test request,
 * executed by n8n-core's RoutingNode with the credential's `authenticate` applied.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeType,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { HarnessCredentialsHelper } from './credentials-helper';

export async function testCredential(type: string, values: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const helper = new HarnessCredentialsHelper({ [type]: values });
	const credentialType = helper.types.get(type);
	if (!credentialType?.test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credentialType.test.request } }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: 'credential-under-test', name: 'under test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType, 1),
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = { credentialsHelper: helper, variables: {}, restApiUrl: '', webhookBaseUrl: '' } as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = { resultData: { runData: {} } } as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, executeData, []);
	const credentials: ICredentialsDecrypted = { id: 'credential-under-test', name: 'under test', type, data: values };
	try {
		await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (error) {
		// Mirrors CredentialsTester: rules first, then the HTTP status text, then the error code.
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			const rule = credentialType.test.rules?.find(
				(candidate) => candidate.type === 'responseCode' && candidate.properties.value === cause.response!.status,
			);
			if (rule) return { status: 'Error', message: (rule as { properties: { message: string } }).properties.message };
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
