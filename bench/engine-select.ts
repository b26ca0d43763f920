/**
 * Picks the n8n engine the benchmark runs in. Import it before anything that loads `n8n-core` or
 * `n8n-workflow`. With `BENCH_ENGINE_ROOT` set (the installed n8n's `.n8n-local/runtime`), every
 * `require('n8n-core' | 'n8n-workflow' | '@n8n/di')` from outside that folder resolves to the installed n8n's
 * copies, which is what n8n itself arranges for community packages (it puts its own module paths on
 * NODE_PATH, and installs packages without their peer dependencies). Without it, the project's own
 * devDependencies are used.
 */
import Module, { createRequire } from 'node:module';
import { join, sep } from 'node:path';

const ENGINE_PACKAGES = /^(n8n-core|n8n-workflow|@n8n\/di)(\/.*)?$/;

type Resolver = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;

export const engineRoot = process.env.BENCH_ENGINE_ROOT;

if (engineRoot) {
	const engineRequire = createRequire(join(engineRoot, 'package.json'));
	const loader = Module as unknown as { _resolveFilename: Resolver };
	const original = loader._resolveFilename;
	const inside = engineRoot.endsWith(sep) ? engineRoot : engineRoot + sep;
	loader._resolveFilename = function (this: unknown, request, parent, ...rest) {
		if (ENGINE_PACKAGES.test(request) && !parent?.filename?.startsWith(inside)) return engineRequire.resolve(request);
		return original.call(this, request, parent, ...rest);
	};
}

/** `require` from the engine's folder (for n8n-nodes-base), or undefined without an installed n8n. */
export function engineModule<T>(id: string): T | undefined {
	if (!engineRoot) return undefined;
	return createRequire(join(engineRoot, 'package.json'))(id) as T;
}
