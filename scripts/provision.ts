/**
 * Fills a local n8n with what the demo and the e2e suite need: the owner account, an API key, the
 * three credentials pointing at the simulator, and the example workflows from `examples/`.
 * Every step skips what already exists, so `npm start` can run it on every start.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cekSafeKeys, flexUnlockKeys, flexyKeyUsers } from '../simulator/demo-credentials';
import { DEMO_OWNER, N8nApiError, type N8nClient, type Owner, type WorkflowJson } from './n8n-api';
import { PACKAGE_NAME, ROOT } from './paths';

export const EXAMPLES_DIR = join(ROOT, 'examples');

export type CredentialType = 'flexyKeyApi' | 'flexUnlockApi' | 'cekSafeApi';
export type CredentialRef = { id: string; name: string; type: string };
export type CredentialRefs = Record<CredentialType, CredentialRef>;

export interface SimulatorUrls {
	flexykey: string;
	flexunlock: string;
	ceksafe: string;
}

/** The demo credentials (simulator/demo-credentials.ts), by type, pointing at a simulator. */
export function demoCredentials(urls: SimulatorUrls): Record<CredentialType, { name: string; data: Record<string, string> }> {
	return {
		flexyKeyApi: {
			name: 'FlexyKey (simulator)',
			data: { username: flexyKeyUsers.demo.username, password: flexyKeyUsers.demo.password, baseUrl: urls.flexykey },
		},
		flexUnlockApi: { name: 'FlexUnlock (simulator)', data: { apiKey: flexUnlockKeys.bigSeller.key, baseUrl: urls.flexunlock } },
		cekSafeApi: { name: 'CekSafe (simulator)', data: { apiKey: cekSafeKeys.growth.key, baseUrl: urls.ceksafe } },
	};
}

/** Creates the owner on a fresh instance, else logs in as that owner. */
export async function ensureOwner(client: N8nClient, owner: Owner = DEMO_OWNER): Promise<'created' | 'existing'> {
	if (await client.needsOwnerSetup()) {
		await client.setupOwner(owner);
		return 'created';
	}
	await client.login(owner);
	return 'existing';
}

/** Reuses the API key saved in `stateFile` while n8n still accepts it, else creates and saves one. */
export async function ensureApiKey(client: N8nClient, stateFile: string): Promise<void> {
	const saved = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as { apiKey?: string }) : {};
	if (saved.apiKey && (await client.useApiKey(saved.apiKey))) return;
	const apiKey = await client.createApiKey(`device-access scripts ${new Date().toISOString()}`);
	writeFileSync(stateFile, `${JSON.stringify({ ...saved, apiKey }, null, '\t')}\n`);
}

/** The three demo credentials; existing ones (same name and type) are kept as they are. */
export async function ensureCredentials(client: N8nClient, urls: SimulatorUrls): Promise<{ refs: CredentialRefs; created: string[] }> {
	const existing = await client.listCredentials();
	const refs = {} as CredentialRefs;
	const created: string[] = [];
	for (const [type, { name, data }] of Object.entries(demoCredentials(urls)) as Array<[CredentialType, { name: string; data: Record<string, string> }]>) {
		const found = existing.find((credential) => credential.name === name && credential.type === type);
		if (found) {
			refs[type] = { id: found.id, name: found.name, type };
			continue;
		}
		const made = await client.createCredential(name, type, data);
		refs[type] = { id: made.id, name: made.name, type };
		created.push(name);
	}
	return { refs, created };
}

export interface Example {
	file: string;
	workflow: WorkflowJson;
}

export function loadExamples(dir = EXAMPLES_DIR): Example[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowJson }));
}

/** Workflows started by one of this package's trigger nodes: published on import so they register. */
export function isPackageTriggerWorkflow(workflow: WorkflowJson): boolean {
	return workflow.nodes.some((node) => node.type.startsWith(`${PACKAGE_NAME}.`) && node.type.endsWith('Trigger'));
}

/** A copy whose nodes use the given credentials (the example files carry placeholder ids). */
export function withCredentials(workflow: WorkflowJson, refs: CredentialRefs): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			if (!node.credentials) return node;
			const credentials = Object.fromEntries(
				Object.entries(node.credentials).map(([type, ref]) => {
					const replacement = refs[type as CredentialType];
					return [type, replacement ? { id: replacement.id, name: replacement.name } : ref];
				}),
			);
			return { ...node, credentials };
		}),
	};
}

export interface ImportResult {
	file: string;
	name: string;
	id: string;
	status: 'imported' | 'existing';
	published: boolean;
	error?: string;
}

/**
 * Imports each example unless a workflow of that name exists, and publishes the ones started by this
 * package's triggers (their registration needs the simulator running). A publish failure is reported,
 * not thrown: the workflow is still there to look at.
 */
export async function importExamples(
	client: N8nClient,
	refs: CredentialRefs,
	examples = loadExamples(),
	options: { publishTriggers: boolean } = { publishTriggers: true },
): Promise<ImportResult[]> {
	const existing = await client.listWorkflows();
	const results: ImportResult[] = [];
	for (const { file, workflow } of examples) {
		const found = existing.find((candidate) => candidate.name === workflow.name && !candidate.isArchived);
		if (found) {
			results.push({ file, name: workflow.name, id: String(found.id), status: 'existing', published: found.active === true });
			continue;
		}
		const created = await client.createWorkflow(withCredentials(workflow, refs));
		const result: ImportResult = { file, name: workflow.name, id: created.id, status: 'imported', published: false };
		if (options.publishTriggers && isPackageTriggerWorkflow(workflow)) {
			try {
				await client.publishWorkflow(created.id);
				result.published = true;
			} catch (error) {
				result.error = error instanceof N8nApiError ? error.message : String(error);
			}
		}
		results.push(result);
	}
	return results;
}

/**
 * Unpublishes and publishes again every published workflow started by this package's triggers, so
 * each registers afresh. Needed when the simulator restarted (it keeps registrations in memory only):
 * n8n 2.x does not re-check webhook registrations of published workflows when it starts.
 */
export async function republishTriggerWorkflows(client: N8nClient): Promise<Array<{ name: string; error?: string }>> {
	const results: Array<{ name: string; error?: string }> = [];
	for (const workflow of await client.listWorkflows()) {
		if (workflow.active !== true || workflow.isArchived === true || !isPackageTriggerWorkflow(workflow)) continue;
		try {
			await client.unpublishWorkflow(String(workflow.id));
			await client.publishWorkflow(String(workflow.id));
			results.push({ name: workflow.name });
		} catch (error) {
			results.push({ name: workflow.name, error: error instanceof N8nApiError ? error.message : String(error) });
		}
	}
	return results;
}
