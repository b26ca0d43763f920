import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class FlexyKeyApi implements ICredentialType {
	name = 'flexyKeyApi';

	displayName = 'FlexyKey API';

	icon: Icon = { light: 'file:../icons/flexykey.svg', dark: 'file:../icons/flexykey.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexykey.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Username of an API-enabled FlexyWeb user of the company that owns the units',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.flexykey.se/v1',
			required: true,
			description: 'The API root. Point it at the bundled simulator (e.g. http://127.0.0.1:5680/flexykey/v1) to try things safely.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.username}}',
				password: '={{$credentials.password}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/Units',
			method: 'GET',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Wrong username or password, or the user is not API-enabled in FlexyWeb' } },
		],
	};
}
