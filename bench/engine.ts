/**
 * Runs one workflow in-process through n8n-core's `WorkflowExecute`, as the tests' run-workflow harness
 * does, with the node types the benchmark compares: this package's CekSafe and FlexUnlock nodes,
 * n8n's HTTP Request node (from the installed n8n, when there is one) and a helper-only stand-in.
 * Credentials are stored encrypted and decrypted with n8n's Cipher on every read, as n8n's own
 * CredentialsHelper does (it also queries its database each time, which is not reproduced here;
 * `reads` counts the reads).
 */
import { Container } from '@n8n/di';
import { Cipher } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { CekSafeApi } from '../credentials/CekSafeApi.credentials';
import { FlexUnlockApi } from '../credentials/FlexUnlockApi.credentials';
import { CekSafe } from '../nodes/CekSafe/CekSafe.node';
import { FlexUnlock } from '../nodes/FlexUnlock/FlexUnlock.node';
import { executeInProcess, InProcessCredentialsHelper, ManualTriggerStandIn, NodeTypeRegistry } from '../scripts/engine-core';
import { engineModule } from './engine-select';

export const PACKAGE_PREFIX = 'n8n-nodes-device-access';
export const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';
export const HELPER_ONLY = 'bench.helperOnly';

/**
 * The least a node can do per item through n8n's helpers: read the body parameter (an expression),
 * call `httpRequestWithAuthentication` with `concurrency` in flight, keep the JSON. No validation,
 * pacing, retries or error mapping: the engine's share of the per-item time.
 */
class HelperOnly implements INodeType {
	description = {
		displayName: 'Helper Only',
		name: 'helperOnly',
		group: ['transform'],
		version: 1,
		description: 'Benchmark stand-in: one httpRequestWithAuthentication per item',
		defaults: { name: 'Helper Only' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'cekSafeApi', required: false },
			{ name: 'flexUnlockApi', required: false },
		],
		properties: [
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: '' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '{}' },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 5 },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentialType = this.getNodeParameter('credentialType', 0) as string;
		const url = this.getNodeParameter('url', 0) as string;
		const width = this.getNodeParameter('concurrency', 0) as number;
		const out: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		const worker = async () => {
			while (next < items.length) {
				const index = next++;
				const body = this.getNodeParameter('body', index) as IDataObject;
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: 'POST',
					url,
					body,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				})) as { body: IDataObject };
				out[index] = { json: response.body, pairedItem: { item: index } };
			}
		};
		await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
		return [out];
	}
}

type NodeClass = new () => INodeType | IVersionedNodeType;
type CredentialClass = new () => ICredentialType;

/** n8n's HTTP Request node and Header Auth credential from the installed n8n, if there is one. */
function n8nBaseTypes(): { node?: INodeType | IVersionedNodeType; credential?: ICredentialType } {
	const node = engineModule<{ HttpRequest: NodeClass }>('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js');
	const credential = engineModule<{ HttpHeaderAuth: CredentialClass }>('n8n-nodes-base/dist/credentials/HttpHeaderAuth.credentials.js');
	return { node: node && new node.HttpRequest(), credential: credential && new credential.HttpHeaderAuth() };
}

export class BenchNodeTypes extends NodeTypeRegistry {
	readonly credentialTypes = new Map<string, ICredentialType>();

	constructor() {
		super(new Map());
		const base = n8nBaseTypes();
		this.types.set('n8n-nodes-base.manualTrigger', new ManualTriggerStandIn());
		this.types.set(HELPER_ONLY, new HelperOnly());
		this.types.set(`${PACKAGE_PREFIX}.cekSafe`, new CekSafe());
		this.types.set(`${PACKAGE_PREFIX}.flexUnlock`, new FlexUnlock());
		if (base.node) this.types.set(HTTP_REQUEST, base.node);
		for (const credential of [new CekSafeApi(), new FlexUnlockApi(), base.credential]) {
			if (credential) this.credentialTypes.set(credential.name, credential);
		}
	}

	get hasHttpRequestNode(): boolean {
		return this.types.has(HTTP_REQUEST);
	}
}

/** Stores credentials encrypted and decrypts them on every read (counting reads), as n8n does. */
class BenchCredentialsHelper extends InProcessCredentialsHelper {
	private readonly cipher = Container.get(Cipher);
	private encrypted: Record<string, string> = {};
	/** Credential reads (`getDecrypted`): each a database query and a decryption in n8n. */
	reads = 0;

	setValues(values: Record<string, ICredentialDataDecryptedObject>): void {
		this.encrypted = Object.fromEntries(Object.entries(values).map(([type, data]) => [type, this.cipher.encryptWithInstanceKey(data)]));
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		const data = this.encrypted[type];
		if (data === undefined) throw new Error(`No values for credential type ${type}`);
		return JSON.parse(this.cipher.decryptWithInstanceKey(data)) as ICredentialDataDecryptedObject;
	}
}

export interface BenchRun {
	run: IRun;
	/** Output items of the node under test (empty when the execution failed before it finished). */
	output: INodeExecutionData[];
	error?: Error;
}

export class BenchEngine {
	readonly nodeTypes = new BenchNodeTypes();
	readonly credentialsHelper = new BenchCredentialsHelper(this.nodeTypes.credentialTypes);

	setCredentials(values: Record<string, ICredentialDataDecryptedObject>): void {
		this.credentialsHelper.setValues(values);
	}

	/** Start node → `node`, fed `input` as items. */
	async run(node: INode, input: IDataObject[]): Promise<BenchRun> {
		const start: INode = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		const nodes = [start, node];
		const connections = { [start.name]: { main: [[{ node: node.name, type: NodeConnectionTypes.Main, index: 0 }]] } };
		const run = await executeInProcess({ name: 'bench', nodes, connections, nodeTypes: this.nodeTypes, credentialsHelper: this.credentialsHelper, input });
		const runs = run.data.resultData.runData[node.name];
		const output = runs?.[runs.length - 1]?.data?.main?.[0] ?? [];
		return { run, output, error: run.data.resultData.error };
	}
}
