/**
 * Where the local n8n lives. Everything is under the git-ignored `.n8n-local/` of the project:
 * n8n and its Node binary are never committed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-device-access';

/**
 * The project root, found by walking up to our package.json: these scripts run both compiled
 * (`.build/scripts/`) and from source (ts-jest), so a fixed `../` would be wrong in one of them.
 */
function findProjectRoot(start: string): string {
	for (let dir = start; ; dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
		if (dirname(dir) === dir) throw new Error(`no ${PACKAGE_NAME} package.json above ${start}`);
	}
}

export const ROOT = findProjectRoot(__dirname);
export const LOCAL_DIR = join(ROOT, '.n8n-local');
