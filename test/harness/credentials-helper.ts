/**
 * A credentials helper for in-process runs: returns the decrypted values a test gives, and applies
 * each credential type's `authenticate` exactly as n8n's own CredentialsHelper does (see engine-core).
 */
import type { ICredentialDataDecryptedObject, INodeCredentialsDetails, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { InProcessCredentialsHelper } from '../../scripts/engine-core';
import { loadPackageCredentials } from './package-types';

export type CredentialValues = Record<string, ICredentialDataDecryptedObject>;

export class HarnessCredentialsHelper extends InProcessCredentialsHelper {
	/** How often each credential type was decrypted (per-item decryption would show up here). */
	readonly decryptions = new Map<string, number>();

	constructor(private values: CredentialValues = {}) {
		super(loadPackageCredentials());
	}

	setValues(values: CredentialValues): void {
		this.values = values;
	}

	currentValues(): CredentialValues {
		return JSON.parse(JSON.stringify(this.values)) as CredentialValues;
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
}
