import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { apiKeyProperty, baseUrlProperty, bearerAuthenticate, TEST_BASE_URL } from './common';

export class CekSafeApi implements ICredentialType {
	name = 'cekSafeApi';

	displayName = 'CekSafe API';

	icon: Icon = { light: 'file:../icons/ceksafe.svg', dark: 'file:../icons/ceksafe.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/ceksafe.md';

	properties: INodeProperties[] = [
		apiKeyProperty('Merchant API key (Growth tier or above), sent as a Bearer token'),
		baseUrlProperty('https://api.ceksafe.com/v1', '/ceksafe/v1'),
	];

	/** The Bearer header (a function: see `bearerAuthenticate`). */
	authenticate = bearerAuthenticate;

	// A one-row history page: a read that does not spend a check.
	test: ICredentialTestRequest = {
		request: {
			baseURL: TEST_BASE_URL,
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
