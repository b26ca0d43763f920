/**
 * What a user meets in the editor before running anything: the node panel's search finds each node by
 * the words people use (codex aliases), every node sits in n8n's categories, and each node's and
 * credential's "Docs" link opens its own page in this repository. n8n appends a tracking query to the
 * URL, so a `#fragment` would no longer match an anchor: the pages are whole files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPackageCredentials, loadPackageNodes, PACKAGE_ROOT } from '../harness/package-types';

interface Codex {
	node: string;
	categories?: string[];
	alias?: string[];
	resources?: { primaryDocumentation?: Array<{ url: string }>; credentialDocumentation?: Array<{ url: string }> };
}

const packageJson = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
	homepage: string;
	repository: { url: string };
	bugs: { url: string };
	license: string;
	n8n: { nodes: string[] };
};
/** The categories n8n's node panel knows (a codex with another one is filed nowhere). */
const N8N_CATEGORIES = new Set([
	'AI', 'Analytics', 'Communication', 'Core Nodes', 'Cybersecurity', 'Data & Storage', 'Development',
	'Finance & Accounting', 'HITL', 'Marketing', 'Miscellaneous', 'Productivity', 'Sales', 'Utility',
]);
const FILE_URL_PREFIX = `${packageJson.homepage}/blob/main/`;

/** Maps a docs URL to the repository file it shows, or explains why it cannot. */
function repoFileOf(url: string): string {
	expect(url).not.toContain('#');
	expect(url.startsWith(FILE_URL_PREFIX)).toBe(true);
	return url.slice(FILE_URL_PREFIX.length);
}

function expectExistingPage(url: string): void {
	const file = repoFileOf(url);
	expect(file).toMatch(/\.md$/);
	expect({ url, exists: existsSync(join(PACKAGE_ROOT, file)) }).toEqual({ url, exists: true });
}

/** n8n loads the codex from the JSON file next to the node's compiled file; the source keeps it next to the .ts. */
function codexOf(distPath: string): Codex {
	return JSON.parse(readFileSync(join(PACKAGE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.json')), 'utf8')) as Codex;
}

const nodes = [...loadPackageNodes().entries()];
const codexByType = new Map(packageJson.n8n.nodes.map((path) => [codexOf(path).node, codexOf(path)]));

/** The node panel's search, reduced to what matters here: the display name and the codex aliases. */
function searchNodePanel(term: string): string[] {
	const needle = term.toLowerCase();
	return nodes
		.filter(([type, node]) => [node.description.displayName, ...(codexByType.get(type)?.alias ?? [])].some((text) => text.toLowerCase().includes(needle)))
		.map(([, node]) => node.description.displayName);
}

describe('package metadata', () => {
	it('names the public repository, homepage and issue tracker, under MIT with the license file', () => {
		expect(packageJson.homepage).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
		expect(packageJson.repository.url).toBe(`${packageJson.homepage}.git`);
		expect(packageJson.bugs.url).toBe(`${packageJson.homepage}/issues`);
		expect(packageJson.license).toBe('MIT');
		expect(readFileSync(join(PACKAGE_ROOT, 'LICENSE.md'), 'utf8')).toMatch(/^# MIT License/);
		expect(existsSync(join(PACKAGE_ROOT, 'CHANGELOG.md'))).toBe(true);
	});
});

describe.each(nodes)('%s', (type, node) => {
	const codex = codexByType.get(type);

	it('has a codex for its type, with categories n8n knows and search aliases', () => {
		expect(codex?.node).toBe(type);
		expect(codex?.categories?.length).toBeGreaterThan(0);
		expect((codex?.categories ?? []).filter((category) => !N8N_CATEGORIES.has(category))).toEqual([]);
		expect(codex?.alias?.length).toBeGreaterThanOrEqual(5);
	});

	it('links its Docs to its own page in the repository, without a fragment', () => {
		const url = node.description.documentationUrl ?? '';
		expectExistingPage(url);
		expect(codex?.resources?.primaryDocumentation?.map((entry) => entry.url)).toEqual([url]);
		for (const entry of codex?.resources?.credentialDocumentation ?? []) expectExistingPage(entry.url);
	});
});

describe('credentials', () => {
	it.each([...loadPackageCredentials().values()].map((credential) => [credential.displayName, credential.documentationUrl ?? '']))(
		'%s links its docs to an existing page',
		(_name, url) => expectExistingPage(url),
	);
});

describe('node panel search', () => {
	it.each([
		['IMEI', 'CekSafe'],
		['blacklist', 'CekSafe'],
		['stolen', 'CekSafe'],
		['phone check', 'CekSafe'],
		['IMEI', 'FlexUnlock'],
		['carrier', 'FlexUnlock'],
		['unlock code', 'FlexUnlock Trigger'],
		['door', 'FlexyKey'],
		['PIN', 'FlexyKey'],
		['booking', 'FlexyKey'],
		['access control', 'FlexyKey Trigger'],
		['relay', 'FlexyKey Trigger'],
	])('"%s" finds %s', (term, displayName) => {
		expect(searchNodePanel(term)).toContain(displayName);
	});
});

/** n8n's own node types a hint may point at (the AI builder resolves them by type). */
const N8N_RELATED_TYPES = new Set(['n8n-nodes-base.removeDuplicates']);

describe("AI workflow builder hints (n8n-workflow's builderHint)", () => {
	it.each(nodes)('%s says what it is for, and when to pick it over HTTP Request or a generic trigger', (_type, node) => {
		const hint = node.description.builderHint?.searchHint ?? '';
		expect(hint.length).toBeGreaterThan(80);
		expect(hint).toMatch(/Pick it over (HTTP Request|n8n's Webhook node|a Schedule Trigger plus HTTP Request)/);
	});

	it.each(nodes)('%s names related nodes that exist', (type, node) => {
		const related = node.description.builderHint?.relatedNodes ?? [];
		expect(related.length).toBeGreaterThan(0);
		for (const { nodeType, relationHint } of related) {
			expect({ nodeType, known: codexByType.has(nodeType) || N8N_RELATED_TYPES.has(nodeType) }).toEqual({ nodeType, known: true });
			expect(nodeType).not.toBe(type);
			expect(relationHint.length).toBeGreaterThan(20);
		}
	});

	it.each([
		['flexyKeyTrigger', 'n8n-nodes-device-access.flexyKey'],
		['cekSafe', 'n8n-nodes-device-access.flexUnlock'],
		['flexyKeyLogTrigger', 'n8n-nodes-base.removeDuplicates'],
	])('%s points at %s', (name, related) => {
		const node = nodes.find(([type]) => type === `n8n-nodes-device-access.${name}`)?.[1];
		expect(node?.description.builderHint?.relatedNodes?.map((entry) => entry.nodeType)).toContain(related);
	});
});

/**
 * n8n's node panel (editor-ui, useActionsGeneration: generateMergedNodesAndActions) files a trigger whose
 * type minus "Trigger" is an action node of the same package under that action node's entry, and shows
 * the trigger's description for the merged entry ("default to trigger description"), in the actions view
 * as much as in the triggers view. Such a trigger's description must therefore say what the action node
 * does too, not only "Starts the workflow when …".
 */
function nodePanelEntries(): Array<{ type: string; description: string; merged: boolean }> {
	const actionNodes = new Map(nodes.filter(([, node]) => !node.description.group.includes('trigger')).map(([type, node]) => [type, { type, description: node.description.description, merged: false }]));
	const entries = [...actionNodes.values()];
	for (const [type, node] of nodes.filter(([, candidate]) => candidate.description.group.includes('trigger'))) {
		const app = actionNodes.get(type.replace('Trigger', ''));
		if (app) Object.assign(app, { description: node.description.description, merged: true });
		else entries.push({ type, description: node.description.description, merged: false });
	}
	return entries;
}

describe('node panel entries', () => {
	it('merges the webhook triggers into their action nodes, as n8n does', () => {
		expect(nodePanelEntries().filter((entry) => entry.merged).map((entry) => entry.type).sort()).toEqual([
			'n8n-nodes-device-access.flexUnlock',
			'n8n-nodes-device-access.flexyKey',
		]);
	});

	it.each(nodePanelEntries().filter((entry) => entry.merged).map((entry) => [entry.type, entry.description]))(
		'%s shows a description of the actions, not only of the trigger',
		(_type, description) => {
			expect(description).not.toMatch(/^Starts the workflow/);
			expect(description).toMatch(/start workflows when/);
		},
	);
});
