/**
 * The project's import graph: no import circle anywhere (type-only imports included: a circle of types
 * still couples every file in it), and each top-level folder imports only the folders below it. Reads
 * the sources, follows relative imports (`import`, `import type`, `export … from`, `import()`,
 * `require()`) and reports every cycle and every import that crosses a boundary the wrong way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '..');
/** Every folder of TypeScript source the project has (dist/, .build/ and node_modules/ are outputs). */
const SOURCE_FOLDERS = ['nodes', 'credentials', 'simulator', 'scripts', 'bench', 'e2e', 'test'];

/**
 * Which top-level folders each folder may import from. The package (nodes, credentials) is what ships
 * and imports only itself; the simulator never imports node code; tooling (scripts, bench) never
 * imports the test tree, so `npm run bench` and the scripts work from what they own.
 */
const MAY_IMPORT: Record<string, string[]> = {
	nodes: ['nodes'],
	credentials: ['credentials'],
	simulator: ['simulator'],
	scripts: ['scripts', 'simulator', 'nodes', 'credentials'],
	bench: ['bench', 'scripts', 'simulator', 'nodes', 'credentials'],
	e2e: ['e2e', 'scripts', 'simulator', 'nodes', 'credentials'],
	test: SOURCE_FOLDERS.filter((folder) => folder !== 'e2e'),
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** Relative module specifiers of `import … from`, `export … from`, `import('…')` and `require('…')`. */
function relativeImports(source: string): string[] {
	const found = [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)].map((match) => match[1]);
	return [...new Set(found)];
}

function resolveModule(from: string, specifier: string): string | undefined {
	const base = resolve(dirname(from), specifier);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
		try {
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not this candidate
		}
	}
	return undefined;
}

/** Every cycle reachable in the graph, each as the list of files in it (first file repeated last). */
function findCycles(graph: Map<string, string[]>): string[][] {
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (node: string) => {
		state.set(node, 'open');
		stack.push(node);
		for (const next of graph.get(node) ?? []) {
			if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(node, 'done');
	};
	for (const node of graph.keys()) if (!state.has(node)) visit(node);
	return cycles;
}

/** Each source file (relative to the project root) → the project files it imports. */
function projectGraph(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
		const targets = relativeImports(readFileSync(file, 'utf8'))
			.map((specifier) => resolveModule(file, specifier))
			.filter((target): target is string => target !== undefined && target.startsWith(ROOT + sep))
			.map((target) => relative(ROOT, target));
		graph.set(relative(ROOT, file), targets);
	}
	return graph;
}

const topFolder = (file: string): string => file.split(/[\\/]/)[0];

/** `from → to` for every import whose target folder its source folder may not import. */
function crossings(graph: Map<string, string[]>, mayImport: Record<string, string[]>): string[] {
	return [...graph].flatMap(([from, targets]) =>
		targets.filter((to) => !(mayImport[topFolder(from)] ?? []).includes(topFolder(to))).map((to) => `${from} → ${to}`),
	);
}

describe('project import graph', () => {
	test('the cycle finder sees a type-only circle and a longer one', () => {
		expect(relativeImports(`import type { A } from './a';\nexport { B } from "../b";\nconst c = import('./c');\nconst d = require('./d');`)).toEqual([
			'./a',
			'../b',
			'./c',
			'./d',
		]);
		expect(findCycles(new Map([['a', ['b']], ['b', ['a']]]))).toEqual([['a', 'b', 'a']]);
		expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
		expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
	});

	test('the boundary check sees tooling importing the test tree', () => {
		const graph = new Map([
			['bench/engine.ts', ['test/harness/engine-core.ts', 'scripts/engine-core.ts']],
			['test/harness/run-workflow.ts', ['scripts/engine-core.ts']],
		]);
		expect(crossings(graph, MAY_IMPORT)).toEqual(['bench/engine.ts → test/harness/engine-core.ts']);
	});

	test('reads every source folder and resolves relative imports, type-only ones included', () => {
		const graph = projectGraph();
		for (const folder of SOURCE_FOLDERS) expect([...graph.keys()].some((file) => topFolder(file) === folder)).toBe(true);
		expect(graph.get(join('simulator', 'flexykey', 'index.ts'))).toContain(join('simulator', 'core', 'pipeline.ts'));
		// `import type { ItemScope }`: a type-only edge
		expect(graph.get(join('nodes', 'shared', 'transport.ts'))).toContain(join('nodes', 'shared', 'run-scope.ts'));
		expect(graph.get(join('bench', 'engine.ts'))).toContain(join('scripts', 'engine-core.ts'));
	});

	test('has no import circle', () => {
		const cycles = findCycles(projectGraph()).map((cycle) => cycle.join(' → '));
		expect(cycles).toEqual([]);
	});

	test('no folder imports one it may not (tooling never imports test/, the package only itself)', () => {
		expect(crossings(projectGraph(), MAY_IMPORT)).toEqual([]);
	});
});
