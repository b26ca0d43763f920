/**
 * The simulator has no import circle (type-only imports included: a circle of types still couples
 * every file in it). Reads the sources, follows relative imports and reports any cycle it finds.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../simulator');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** Relative module specifiers of `import … from`, `export … from` and `import('…')`. */
function relativeImports(source: string): string[] {
	const found = [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)].map((match) => match[1]);
	return [...new Set(found)];
}

function resolveModule(from: string, specifier: string): string | undefined {
	const base = resolve(dirname(from), specifier);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
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

function simulatorGraph(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of sourceFiles(ROOT)) {
		const targets = relativeImports(readFileSync(file, 'utf8'))
			.map((specifier) => resolveModule(file, specifier))
			.filter((target): target is string => target !== undefined && target.startsWith(ROOT));
		graph.set(file, targets);
	}
	return graph;
}

describe('simulator import graph', () => {
	test('the cycle finder sees a type-only circle and a longer one', () => {
		expect(relativeImports(`import type { A } from './a';\nexport { B } from "../b";\nconst c = import('./c');`)).toEqual(['./a', '../b', './c']);
		expect(findCycles(new Map([['a', ['b']], ['b', ['a']]]))).toEqual([['a', 'b', 'a']]);
		expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
		expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
	});

	test('reads every simulator file and resolves its relative imports', () => {
		const graph = simulatorGraph();
		expect(graph.size).toBeGreaterThan(30);
		const flexyKey = graph.get(join(ROOT, 'flexykey/index.ts'))!;
		expect(flexyKey).toContain(join(ROOT, 'core/pipeline.ts'));
	});

	test('has no import circle', () => {
		const cycles = findCycles(simulatorGraph()).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' → '));
		expect(cycles).toEqual([]);
	});
});
