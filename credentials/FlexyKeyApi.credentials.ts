import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';
import { baseUrlProperty, TEST_BASE_URL } from './common';

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
		baseUrlProperty('https://api.flexykey.se/v1', '/flexykey/v1'),
	];

	/**
	 * HTTP Basic. A function rather than the generic `auth: { username: '={{$credentials.username}}' … }`:
	 * n8n evaluates a generic credential's expressions on every request (5–12% of a bulk run, see the
	 * FlexUnlock and CekSafe credentials and README, Performance).
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			auth: { username: String(credentials.username ?? ''), password: String(credentials.password ?? '') },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: '/Units',
			method: 'GET',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Wrong username or password, or the user is not API-enabled in FlexyWeb' } },
		],
	};
}
