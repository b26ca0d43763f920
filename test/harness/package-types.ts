/**
 * Loads this package's node and credential types the way n8n does: from the `n8n` section of
 * package.json (so a node missing there is missing here too), mapped back to the TypeScript sources.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ICredentialType, INodeType } from 'n8n-workflow';

export const PACKAGE_ROOT = join(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-device-access';

interface PackageJson {
	n8n: { nodes: string[]; credentials: string[] };
}

function readPackageJson(): PackageJson {
	return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;
}

/** `dist/nodes/X/X.node.js` → the class exported by `nodes/X/X.node.ts`. */
function loadClass<T>(distPath: string, suffix: string): T {
	const sourcePath = join(PACKAGE_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
	const className = basename(distPath).replace(suffix, '');
	const module = require(sourcePath) as Record<string, new () => T>;
	const Class = module[className];
	if (!Class) throw new Error(`${sourcePath} does not export class ${className}`);
	return new Class();
}

export function loadPackageNodes(): Map<string, INodeType> {
	const nodes = new Map<string, INodeType>();
	for (const path of readPackageJson().n8n.nodes) {
		const node = loadClass<INodeType>(path, '.node.js');
		nodes.set(`${PACKAGE_NAME}.${node.description.name}`, node);
	}
	return nodes;
}

export function loadPackageCredentials(): Map<string, ICredentialType> {
	const credentials = new Map<string, ICredentialType>();
	for (const path of readPackageJson().n8n.credentials) {
		const credential = loadClass<ICredentialType>(path, '.credentials.js');
		credentials.set(credential.name, credential);
	}
	return credentials;
}
