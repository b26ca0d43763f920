/**
 * `.ci/run` runs each step through `step "<heading>" <npm script>`, whose `require_script` fails CI when
 * the script is missing. This test says so earlier, in `npm test`: every step names a script package.json
 * defines, and no step hides behind a condition that would skip it without a word.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../harness/package-types';

const CI_RUN = join(PACKAGE_ROOT, '.ci', 'run');
const source = readFileSync(CI_RUN, 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** The npm scripts named by `step "<heading>" <script>` lines, in order. */
function stepScripts(text: string): string[] {
	return [...text.matchAll(/^step\s+(?:"[^"]*"|\S+)\s+(\S+)\s*$/gm)].map((match) => match[1]);
}

/** Runs `.ci/run`'s own `require_script` against package.json; returns its exit code and message. */
function requireScript(name: string): { code: number; stderr: string } {
	const definition = /^require_script\(\) \{[\s\S]*?^\}/m.exec(source)?.[0] ?? '';
	try {
		execFileSync('bash', ['-c', `${definition}\nrequire_script "$1"`, 'ci-run', name], { cwd: PACKAGE_ROOT, stdio: 'pipe' });
		return { code: 0, stderr: '' };
	} catch (error) {
		const failed = error as { status: number; stderr: Buffer };
		return { code: failed.status, stderr: failed.stderr.toString() };
	}
}

describe('.ci/run', () => {
	it('runs build, lint, typecheck, the tests, the scan and both end-to-end suites as steps', () => {
		expect(stepScripts(source)).toEqual(expect.arrayContaining(['build', 'lint', 'typecheck', 'test', 'scan', 'test:e2e', 'test:e2e:queue']));
	});

	it('names only npm scripts package.json defines', () => {
		expect(stepScripts(source).filter((script) => !scripts.includes(script))).toEqual([]);
	});

	it('runs npm scripts only through step, never behind a condition', () => {
		expect(source).not.toMatch(/^\s*if\b.*npm run/m);
		expect(source.split('\n').filter((line) => /^\s*npm run /.test(line))).toEqual(['\tnpm run "$2"']);
	});

	it('require_script fails with the script name when package.json lacks it, and passes when it has it', () => {
		expect(requireScript('test:e2e')).toEqual({ code: 0, stderr: '' });
		const missing = requireScript('test:e2e:renamed');
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('"test:e2e:renamed"');
	});
});
