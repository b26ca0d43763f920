import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class FlexUnlockApi implements ICredentialType {
	name = 'flexUnlockApi';

	displayName = 'FlexUnlock API';

	icon: Icon = { light: 'file:../icons/flexunlock.svg', dark: 'file:../icons/flexunlock.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexunlock.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key from your FlexUnlock dashboard, sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.flexunlock.com/v1',
			required: true,
			description: 'The API root. Point it at the bundled simulator (e.g. http://127.0.0.1:5680/flexunlock/v1) to try things safely.',
		},
	];

	/**
	 * `Authorization: Bearer <key>`. A function rather than the generic `=Bearer {{$credentials.apiKey}}`:
	 * n8n evaluates a generic credential's expression on every request, which the benchmark measured at
	 * 5–12% of a bulk run's time (README, Performance).
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey ?? '')}` },
		};
	}

	// inferred: the webhook list is the only documented read that has no side effects and costs nothing.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/webhooks',
			method: 'GET',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key' } },
		],
	};
}
