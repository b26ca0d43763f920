/**
 * Tests synchronise on events, the simulator's ManualClock, or `eventually` (test/harness/eventually.ts,
 * polling with a deadline): never on a fixed sleep, and never on an upper bound of wall-clock time,
 * both of which fail on a busy machine. This scans every test source for the forms those take.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const TEST_ROOT = __dirname;
/** The one documented waiting helper. */
const HELPER = 'harness/eventually.ts';
/** A file that installs jest's fake timers: its `setTimeout` and `Date.now()` run on virtual time. */
const onVirtualTime = (source: string) => /\bjest\.useFakeTimers\(/.test(source);

const FORBIDDEN: Array<[RegExp, string]> = [
	[/\bsetTimeout\s*\(/, 'a timer (wait with eventually() or advance the ManualClock)'],
	[/\b(?:sleep|delay)\s*\(\s*\d/, 'a fixed sleep'],
	[/Date\.now\(\)\s*-[^;]*\)\s*\.toBeLessThan/, 'an upper bound on wall-clock time (timing claims belong in bench/)'],
	[/\belapsed\w*\)\s*\.toBeLessThan/i, 'an upper bound on wall-clock time (timing claims belong in bench/)'],
];

function testSources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return testSources(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

/** `file:line: what` for every forbidden form in `source`. */
function findings(file: string, source: string): string[] {
	return source.split('\n').flatMap((line, index) =>
		FORBIDDEN.filter(([pattern]) => pattern.test(line)).map(([, what]) => `${file}:${index + 1}: ${what}`),
	);
}

describe('tests do not wait on the wall clock', () => {
	test('the scan sees a sleep, a timer and an upper time bound', () => {
		const sample = [
			'await sleep(120);',
			'await new Promise((resolve) => setTimeout(resolve, 50));',
			'expect(Date.now() - started).toBeLessThan(150);',
			'expect(Date.now() - Date.parse(String(at))).toBeLessThan(10_000);',
			'fk.clock.advance(120);',
			'await eventually(() => expect(rows).toHaveLength(1));',
		].join('\n');
		expect(findings('sample.ts', sample).map((finding) => finding.split(': ')[0])).toEqual(['sample.ts:1', 'sample.ts:2', 'sample.ts:3', 'sample.ts:4']);
		expect([onVirtualTime(sample), onVirtualTime(`beforeEach(() => jest.useFakeTimers({ now: 0 }));\n${sample}`)]).toEqual([false, true]);
	});

	test('no test source sleeps, sets a timer or bounds elapsed time from above', () => {
		const found = testSources(TEST_ROOT)
			.map((path) => relative(TEST_ROOT, path).split('\\').join('/'))
			.filter((file) => file !== HELPER && file !== 'no-fixed-sleeps.test.ts')
			.map((file) => [file, readFileSync(join(TEST_ROOT, file), 'utf8')] as const)
			.filter(([, source]) => !onVirtualTime(source))
			.flatMap(([file, source]) => findings(file, source));
		expect(found).toEqual([]);
	});
});
