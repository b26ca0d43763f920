/**
 * The credential modal's "Test" (`POST /rest/credentials/test`) against the simulator: the demo
 * credentials pass; a wrong secret fails with the credential's own message, not a generic one.
 */
import type { N8nClient } from '../scripts/n8n-api';
import type { CredentialType } from '../scripts/provision';
import { connect, readContext } from './context';

const context = readContext();

const wrongSecret: Record<CredentialType, { field: string; value: string; message: RegExp }> = {
	flexyKeyApi: { field: 'password', value: 'not-the-password', message: /wrong username or password/i },
	flexUnlockApi: { field: 'apiKey', value: 'fu_wrong_key', message: /invalid api key/i },
	cekSafeApi: { field: 'apiKey', value: 'cs_wrong_key', message: /invalid api key/i },
};

describe('credential tests in n8n', () => {
	let client: N8nClient;
	beforeAll(async () => {
		client = await connect(context);
	});

	it.each(Object.keys(wrongSecret) as CredentialType[])('%s: the demo credential passes', async (type) => {
		const result = await client.testCredential(context.credentials[type], context.credentialData[type]);
		expect(result).toEqual({ status: 'OK', message: expect.any(String) });
	});

	it.each(Object.keys(wrongSecret) as CredentialType[])('%s: a wrong secret fails with a clear message', async (type) => {
		const { field, value, message } = wrongSecret[type];
		const result = await client.testCredential(context.credentials[type], { ...context.credentialData[type], [field]: value });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain(value);
	});

	it('cekSafeApi: a key without API access (Starter tier) is told so', async () => {
		const result = await client.testCredential(context.credentials.cekSafeApi, { ...context.credentialData.cekSafeApi, apiKey: 'cs_starter_demo_key' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/Growth tier/) });
	});

	it('a wrong base URL fails instead of passing silently', async () => {
		const result = await client.testCredential(context.credentials.flexyKeyApi, {
			...context.credentialData.flexyKeyApi,
			baseUrl: `${context.simBaseUrl}/nothing-here/v1`,
		});
		expect(result.status).toBe('Error');
	});
});
