/**
 * A credentials helper for in-process runs: returns the decrypted values a test gives, and applies
 * each credential type's `authenticate` exactly as n8n's own CredentialsHelper does (generic
 * properties resolved as expressions against `$credentials`), so auth is really exercised.
 */
import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, isExpression } from 'n8n-workflow';
import { loadPackageCredentials } from './package-types';

export type CredentialValues = Record<string, ICredentialDataDecryptedObject>;

export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly types: Map<string, ICredentialType> = loadPackageCredentials();
	/** How often each credential type was decrypted (per-item decryption would show up here). */
	readonly decryptions = new Map<string, number>();

	constructor(private values: CredentialValues = {}) {
		super();
	}

	setValues(values: CredentialValues): void {
		this.values = values;
	}

	private type(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
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

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptions.set(type, (this.decryptions.get(type) ?? 0) + 1);
		const values = this.values[type];
		if (!values) throw new Error(`The test gave no values for credential type ${type}`);
		return { ...values };
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<Credentials> {
		return new Credentials({ id: nodeCredentials.id ?? null, name: nodeCredentials.name }, type, '');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
