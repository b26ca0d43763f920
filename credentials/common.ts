/**
 * What the three credentials share: the Base URL field (any API root, the bundled simulator's too),
 * the test request's base URL, and for the API-key services the key field and its Bearer header.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

/** The credential test's `baseURL`: the Base URL without a trailing slash. */
export const TEST_BASE_URL = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}';

/** The Base URL field: the vendor's API root by default; `simulatorPath` is this API's path on the bundled simulator. */
export function baseUrlProperty(vendorUrl: string, simulatorPath: string): INodeProperties {
	return {
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: vendorUrl,
		required: true,
		description: `The API root. Point it at the bundled simulator (e.g. http://127.0.0.1:5680${simulatorPath}) to try things safely.`,
	};
}

/** The API key field of a service that takes it as a Bearer token. */
export function apiKeyProperty(description: string): INodeProperties {
	return { displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '', required: true, description };
}

/**
 * `Authorization: Bearer <apiKey>`. A function rather than the generic `=Bearer {{$credentials.apiKey}}`:
 * n8n evaluates a generic credential's expression on every request, which the benchmark measured at
 * 5–12% of a bulk run's time (README, Performance).
 */
export async function bearerAuthenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	return {
		...requestOptions,
		headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.apiKey ?? '')}` },
	};
}
