import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { apiKeyProperty, baseUrlProperty, bearerAuthenticate, TEST_BASE_URL } from './common';

export class FlexUnlockApi implements ICredentialType {
	name = 'flexUnlockApi';

	displayName = 'FlexUnlock API';

	icon: Icon = { light: 'file:../icons/flexunlock.svg', dark: 'file:../icons/flexunlock.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexunlock.md';

	properties: INodeProperties[] = [
		apiKeyProperty('The API key from your FlexUnlock dashboard, sent as a Bearer token'),
		baseUrlProperty('https://api.flexunlock.com/v1', '/flexunlock/v1'),
	];

	/** The Bearer header (a function: see `bearerAuthenticate`). */
	authenticate = bearerAuthenticate;

	// inferred: the webhook list is the only documented read that has no side effects and costs nothing.
	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
			url: '/webhooks',
			method: 'GET',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key' } },
		],
	};
}
