/**
 * One way through an operation (docs/CONVENTIONS.md, "An operation"): `run(item)` with n8n's functions
 * as `this`; parameters read with `getNodeParameter(name, item.index…)`; the API called through the
 * service's client bound to the item, `<service>Api(this, item)`; per-run reads in `item.memo`. This
 * scans every `nodes/<Service>/actions/**\/*.operation.ts` and fails on the other ways.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const NODES = join(__dirname, '..', '..', 'nodes');

const RULES: Array<[RegExp, string]> = [
	[/\brun\s*\(\s*_?item\s*(?::[^,)]*)?,/, 'run takes only the item: `async run(item)`'],
	[/\bctx\.(?:flexyKey|flexUnlock|cekSafe|memo|parameter)\b/, 'a run context: call `<service>Api(this, item)`, use `item.memo`, read `getNodeParameter`'],
	[/\bapiRequest(?:Full)?\b/, 'apiRequest outside nodes/shared: call `<service>Api(this, item)`'],
	[/\bmemo\.parameter\s*\(/, 'read parameters with `getNodeParameter(name, item.index)`'],
	[/\bgetNodeParameter\(\s*[^,)]+,(?!\s*item\.index\b)/, 'a parameter read for another index than `item.index`'],
	[/\b[a-z][A-Za-z]*Api\(\s*(?:this|ctx)\s*\)/, 'a client not bound to the item: `<service>Api(this, item)` (errors carry its index)'],
	[/\b[a-z][A-Za-z]*Api\(\s*(?!this\b|ctx\b)[^,)]*,/, 'a client built from something else than n8n\'s functions and the item'],
];

function operationFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return operationFiles(path);
		return path.endsWith('.operation.ts') && path.includes(`${join('', 'actions', '')}`) ? [path] : [];
	});
}

/** `file:line: rule` for every line of `source` that takes another way. */
function violations(file: string, source: string): string[] {
	return source.split('\n').flatMap((line, index) => RULES.filter(([pattern]) => pattern.test(line)).map(([, rule]) => `${file}:${index + 1}: ${rule}`));
}

describe('operations take one way', () => {
	test('the scan sees each other way', () => {
		const sample = [
			'async run(item, ctx) {',
			"return ctx.flexyKey.get('/Units');",
			"const value = item.memo.parameter(this, 'x', item.index);",
			"const first = this.getNodeParameter('unit', 0);",
			"return flexyKeyApi(this).get('/Units');",
			"return apiRequest.call(this, spec, call);",
			// the one way
			'async run(item) {',
			"const unit = this.getNodeParameter('unit', item.index, '') as string;",
			"return flexyKeyApi(this, item).get('/Units', { unit });",
		].join('\n');
		expect(violations('sample.ts', sample).map((found) => Number(found.split(':')[1]))).toEqual([1, 2, 3, 4, 5, 6]);
	});

	test('every operation file reads parameters and calls its service the same way', () => {
		const files = operationFiles(NODES);
		expect(files.length).toBeGreaterThan(40);
		const found = files.flatMap((file) => violations(relative(NODES, file), readFileSync(file, 'utf8')));
		expect(found).toEqual([]);
	});
});
