import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class CekSafeApi implements ICredentialType {
	name = 'cekSafeApi';

	displayName = 'CekSafe API';

	icon: Icon = { light: 'file:../icons/ceksafe.svg', dark: 'file:../icons/ceksafe.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access#ceksafe-credential';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

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
