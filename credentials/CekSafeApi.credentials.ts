import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class CekSafeApi implements ICredentialType {
	name = 'cekSafeApi';

	displayName = 'CekSafe API';

	icon: Icon = { light: 'file:../icons/ceksafe.svg', dark: 'file:../icons/ceksafe.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/ceksafe.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Merchant API key (Growth tier or above), sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.ceksafe.com/v1',
			required: true,
			description: 'The API root. Point it at the bundled simulator (e.g. http://127.0.0.1:5680/ceksafe/v1) to try things safely.',
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

	// A one-row history page: a read that does not spend a check.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/history',
			method: 'GET',
			qs: { page: 1, limit: 1 },
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key' } },
			{ type: 'responseCode', properties: { value: 403, message: 'This CekSafe plan has no API access (Growth tier or above is required)' } },
		],
	};
}
