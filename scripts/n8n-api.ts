/**
 * A small client for a local n8n 2.40: the editor's REST API (`/rest`, session cookie) for owner
 * setup, login, API keys, credential tests and node types; the public API (`/api/v1`, API key) for
 * credentials, workflows and executions.
 */

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	/** n8n requires 8–64 characters with a digit and an uppercase letter. */
	password: string;
}

/** The local demo owner `npm start` creates; it guards nothing but a local n8n on 127.0.0.1. */
export const DEMO_OWNER: Owner = { email: 'owner@device-access.test', firstName: 'Demo', lastName: 'Owner', password: 'DeviceAccess1' };

export class N8nApiError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(message);
	}
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<{ name: string; type: string; credentials?: Record<string, { id: string; name: string }>; [key: string]: unknown }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface Execution {
	id: string;
	finished: boolean;
	status: string;
	mode: string;
	workflowId: string;
	startedAt: string;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: unknown }>>; error?: { message: string } } };
}

/** Browser id sent with every REST call: n8n binds the session cookie to it when present. */
const BROWSER_ID = 'n8n-nodes-device-access-scripts';

export class N8nClient {
	/** The session cookie set by owner setup or login; another client of the same n8n may reuse it. */
	cookie = '';
	apiKey = '';

	constructor(readonly baseUrl: string) {}

	/** `/rest/...` with the session cookie; n8n wraps answers in `{ data }`, which is unwrapped. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const json = (await parse(res)) as { data?: T } | undefined;
		if (!res.ok) throw new N8nApiError(`${method} /rest${path}: ${res.status} ${describe(json)}`, res.status, json);
		return (json && typeof json === 'object' && 'data' in json ? json.data : json) as T;
	}

	/** `/api/v1/...` with the API key. */
	async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		if (!this.apiKey) throw new Error('no API key: call createApiKey() first');
		const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'x-n8n-api-key': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = await parse(res);
		if (!res.ok) throw new N8nApiError(`${method} /api/v1${path}: ${res.status} ${describe(json)}`, res.status, json);
		return json as T;
	}

	/** True while the instance has no owner yet (a fresh user folder). */
	async needsOwnerSetup(): Promise<boolean> {
		const settings = await this.rest<{ userManagement: { showSetupOnFirstLoad?: boolean } }>('GET', '/settings');
		return settings.userManagement.showSetupOnFirstLoad === true;
	}

	async setupOwner(owner: Owner): Promise<void> {
		await this.rest('POST', '/owner/setup', owner);
	}

	async login(owner: Owner): Promise<void> {
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}

	/** Creates an API key with every scope the owner may grant and keeps it for `api()`. */
	async createApiKey(label: string): Promise<string> {
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const created = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = created.rawApiKey;
		return this.apiKey;
	}

	/** Whether a stored API key still works (a reused user folder). */
	async useApiKey(apiKey: string): Promise<boolean> {
		const res = await fetch(`${this.baseUrl}/api/v1/workflows?limit=1`, { headers: { 'x-n8n-api-key': apiKey } });
		if (!res.ok) return false;
		this.apiKey = apiKey;
		return true;
	}

	async listCredentials(): Promise<Array<{ id: string; name: string; type: string }>> {
		return await this.rest('GET', '/credentials');
	}

	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<{ id: string; name: string; type: string }> {
		return await this.api('POST', '/credentials', { name, type, data });
	}

	/**
	 * What the credential modal's "Test" does: `POST /rest/credentials/test` with a stored credential's id and
	 * the values in the form (`data`); n8n fills redacted or missing secrets from the stored credential.
	 */
	async testCredential(credential: { id: string; name: string; type: string }, data: Record<string, unknown>): Promise<CredentialTestResult> {
		return await this.rest('POST', '/credentials/test', { credentials: { id: credential.id, name: credential.name, type: credential.type, data } });
	}

	async listWorkflows(): Promise<WorkflowJson[]> {
		return await this.allPages<WorkflowJson>('/workflows?');
	}

	/**
	 * Every page of a public-API listing (`limit=250` a page, then `nextCursor`): one page stops at 250,
	 * and a test waiting for more executions than that would wait forever.
	 */
	async allPages<T>(pathAndQuery: string): Promise<T[]> {
		const all: T[] = [];
		let cursor: string | undefined;
		do {
			const page = await this.api<{ data: T[]; nextCursor?: string | null }>('GET', `${pathAndQuery}limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
			all.push(...page.data);
			cursor = page.nextCursor ?? undefined;
		} while (cursor);
		return all;
	}

	/** The public API accepts only these fields on create. */
	async createWorkflow(workflow: WorkflowJson): Promise<WorkflowJson & { id: string }> {
		const { name, nodes, connections } = workflow;
		return await this.api('POST', '/workflows', { name, nodes, connections, settings: workflow.settings ?? { executionOrder: 'v1' } });
	}

	/** Publishes (n8n 1.x: activates) a workflow: its triggers register their webhooks. */
	async publishWorkflow(id: string): Promise<void> {
		await this.api('POST', `/workflows/${id}/publish`, {});
	}

	async unpublishWorkflow(id: string): Promise<void> {
		await this.api('POST', `/workflows/${id}/unpublish`, {});
	}

	async executions(workflowId: string): Promise<Execution[]> {
		return await this.allPages<Execution>(`/executions?includeData=true&workflowId=${encodeURIComponent(workflowId)}&`);
	}

	/** Node types as the editor sees them (`/types/nodes.json`, needs the session cookie). */
	async nodeTypes(): Promise<Array<{ name: string; displayName: string; version: number | number[]; credentials?: Array<{ name: string }> }>> {
		const res = await fetch(`${this.baseUrl}/types/nodes.json`, { headers: { cookie: this.cookie, 'browser-id': BROWSER_ID } });
		if (!res.ok) throw new N8nApiError(`GET /types/nodes.json: ${res.status}`, res.status, undefined);
		return (await res.json()) as Awaited<ReturnType<N8nClient['nodeTypes']>>;
	}

	/** Credential types as the editor sees them (`/types/credentials.json`). */
	async credentialTypes(): Promise<Array<{ name: string; displayName: string }>> {
		const res = await fetch(`${this.baseUrl}/types/credentials.json`, { headers: { cookie: this.cookie, 'browser-id': BROWSER_ID } });
		if (!res.ok) throw new N8nApiError(`GET /types/credentials.json: ${res.status}`, res.status, undefined);
		return (await res.json()) as Array<{ name: string; displayName: string }>;
	}
}

async function parse(res: Response): Promise<unknown> {
	const text = await res.text();
	if (!text) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function describe(body: unknown): string {
	if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
	return typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body)?.slice(0, 300) ?? '';
}
