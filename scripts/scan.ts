/**
 * `npm run scan`: n8n's community-package gate, run locally on what would be published.
 *
 * n8n verifies a community package with `@n8n/scan-community-package` in two legs: its ESLint rules on
 * the package's attested source (package.json, nodes/, credentials/) and on the published tarball
 * (compiled `.js` and package.json). The CLI downloads both from the registry by name; here the same
 * analyser function runs on this checkout and on the tarball `npm pack` makes from it, so a finding
 * shows before a release instead of after. The provenance check is left to the publish workflow
 * (`npm publish --provenance`): it needs a published version.
 *
 * n8n's own verdict fails on ESLint errors only; this gate fails on any finding, warnings included (for
 * example a node file missing from package.json's `n8n.nodes`), with n8n's exact config and file lists.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths';

interface LintResult {
	errorCount: number;
	warningCount: number;
}

interface ESLintInstance {
	lintFiles(files: string[]): Promise<LintResult[]>;
	loadFormatter(name: string): Promise<{ format(results: LintResult[]): string | Promise<string> }>;
}

interface Scanner {
	buildScanConfig(): Promise<unknown>;
	SOURCE_FILE_PATTERNS: string[];
}

/** The scanner's own dependencies, resolved from its folder so the versions are the ones it pins. */
interface ScannerDeps {
	ESLint: new (options: Record<string, unknown>) => ESLintInstance;
	glob: { sync(patterns: string[], options: Record<string, unknown>): string[] };
}

/** The patterns n8n's tarball leg lints (scanner.mjs, analyzePackageByName). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/**
 * The scanner is an ES module and these scripts compile to CommonJS, where TypeScript would turn
 * `import()` into `require()`; a Function keeps the real dynamic import.
 */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

const SCANNER_MODULE = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', { paths: [ROOT] });

async function loadScanner(): Promise<Scanner & ScannerDeps> {
	const scanner = (await importEsm(SCANNER_MODULE)) as Scanner;
	const fromScanner = { paths: [SCANNER_MODULE] };
	const { ESLint } = (await importEsm(require.resolve('eslint', fromScanner))) as Pick<ScannerDeps, 'ESLint'>;
	const { default: glob } = (await importEsm(require.resolve('fast-glob', fromScanner))) as { default: ScannerDeps['glob'] };
	return { ...scanner, ESLint, glob };
}

/** What scanner.mjs's analyzePackage does (same config, options and ignores), keeping warnings. */
async function lintLeg(scanner: Scanner & ScannerDeps, leg: string, dir: string, patterns: string[]): Promise<boolean> {
	const eslint = new scanner.ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanner.buildScanConfig() });
	const files = scanner.glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	const clean = files.length > 0 && errors + warnings === 0;
	console.log(`${clean ? 'passed' : 'FAILED'}: ${leg}: ${files.length} files, ${errors} errors, ${warnings} warnings`);
	if (errors + warnings > 0) console.log(await (await eslint.loadFormatter('stylish')).format(results));
	return clean;
}

function runOrThrow(command: string, args: string[], cwd: string): string {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
	return result.stdout;
}

/** Packs the package as `npm publish` would and unpacks it; returns the package folder. */
export function packAndExtract(workDir: string): { tarball: string; packageDir: string; files: string[] } {
	const [packed] = JSON.parse(runOrThrow('npm', ['pack', '--json', '--pack-destination', workDir], ROOT)) as Array<{
		filename: string;
		files: Array<{ path: string }>;
	}>;
	const tarball = join(workDir, packed.filename);
	const packageDir = join(workDir, 'package');
	mkdirSync(packageDir);
	runOrThrow('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], workDir);
	return { tarball, packageDir, files: packed.files.map((file) => file.path) };
}

async function main(): Promise<void> {
	const scanner = await loadScanner();
	const workDir = mkdtempSync(join(tmpdir(), 'device-access-scan-'));
	try {
		const { packageDir, files } = packAndExtract(workDir);
		console.log(`packed ${files.length} files: ${files.filter((file) => !file.startsWith('dist/')).join(', ')} and dist/`);
		const source = await lintLeg(scanner, 'source leg (package.json, nodes/, credentials/)', ROOT, scanner.SOURCE_FILE_PATTERNS);
		const tarball = await lintLeg(scanner, 'tarball leg (npm pack: compiled .js, package.json)', packageDir, TARBALL_PATTERNS);
		if (!source || !tarball) process.exitCode = 1;
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
