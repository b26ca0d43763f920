/** n8n loads every node and credential the package declares: asked through n8n's own API. */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { N8nClient } from '../scripts/n8n-api';
import { PACKAGE_NAME, ROOT } from '../scripts/paths';
import { connect } from './context';

interface Manifest {
	n8n: { nodes: string[]; credentials: string[] };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** `dist/nodes/FlexyKey/FlexyKeyTrigger.node.js` → `n8n-nodes-device-access.flexyKeyTrigger` */
const nodeTypeName = (path: string) => {
	const className = basename(path, '.node.js');
	return `${PACKAGE_NAME}.${className[0].toLowerCase()}${className.slice(1)}`;
};
/** `dist/credentials/FlexyKeyApi.credentials.js` → `flexyKeyApi` */
const credentialTypeName = (path: string) => {
	const className = basename(path, '.credentials.js');
	return `${className[0].toLowerCase()}${className.slice(1)}`;
};

describe('n8n loads the package', () => {
	let client: N8nClient;
	beforeAll(async () => {
		client = await connect();
	});

	it('lists every node of package.json under the package name', async () => {
		const types = await client.nodeTypes();
		const ours = types.filter((type) => type.name.startsWith(`${PACKAGE_NAME}.`)).map((type) => type.name);
		const expected = manifest.n8n.nodes.map(nodeTypeName);
		expect(expected.length).toBeGreaterThan(0);
		expect(ours).toEqual(expect.arrayContaining(expected));
		// Action nodes are also offered as AI tools (usableAsTool); triggers must not be.
		for (const name of expected) {
			if (name.endsWith('Trigger')) expect(ours).not.toContain(`${name}Tool`);
			else expect(ours).toContain(`${name}Tool`);
		}
	});

	it('lists every credential type of package.json', async () => {
		const names = (await client.credentialTypes()).map((type) => type.name);
		for (const path of manifest.n8n.credentials) expect(names).toContain(credentialTypeName(path));
	});

	it('wires each node to its credential type', async () => {
		const types = await client.nodeTypes();
		const credentialNames = manifest.n8n.credentials.map(credentialTypeName);
		for (const name of manifest.n8n.nodes.map(nodeTypeName)) {
			const type = types.find((candidate) => candidate.name === name)!;
			const used = (type.credentials ?? []).map((credential) => credential.name);
			expect(used.length).toBeGreaterThan(0);
			for (const credential of used) expect(credentialNames).toContain(credential);
		}
	});
});
