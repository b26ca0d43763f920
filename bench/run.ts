/**
 * `npm run bench`: bulk IMEI checks through a raw undici loop, n8n's HTTP Request node and this
 * package's nodes, against the simulator, with no rate limit and under a simulated vendor limit.
 * Prints one Markdown table. Not a test: figures are from one run on one machine.
 *
 * Every run is a fresh process on the installed n8n's Node 24 and n8n-core (see engine-select.ts),
 * or, without `npm run n8n:install`, on this Node and the project's n8n-core (no HTTP Request node
 * rows then). The simulator runs in a process of its own.
 *
 * Runs of 10,000 items or more are repeated (`--rounds`, interleaved) and the fastest is shown: the
 * machine is shared and one run can be 15% off the next.
 *
 * Flags: --n 1000,10000   --services ceksafe,flexunlock   --limit 20/2s   --limited-n 100   --rounds 2
 *        --skip-limited   --skip-unlimited   --cpu-prof <dir> (profiles the measured processes)
 *        --what-if (adds this package with its credential's authenticate as a function, at 10,000)
 *        --project-engine (this Node and the project's n8n-core even if n8n is installed)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isN8nInstalled, N8N_VERSION, node24Env, NODE24, RUNTIME_DIR } from '../scripts/n8n-install';
import { clientLabel, parseLimit, readFlags, SERVICES, type RateLimit, type Scenario, type ServiceName, type WorkerResult } from './scenarios';
import type { WorkerMessage } from './worker';

interface Options {
	sizes: number[];
	services: ServiceName[];
	limit: RateLimit;
	limitedN: number;
	limited: boolean;
	unlimited: boolean;
	/** Runs per configuration for N >= LARGE_N without a limit. */
	rounds: number;
	/** Add the what-if rows (see `Client`). */
	whatIf: boolean;
	/** Run on this project's n8n-core even when n8n is installed (no HTTP Request node rows). */
	projectEngine: boolean;
	cpuProfDir?: string;
}

const LARGE_N = 10_000;

function parseOptions(argv: string[]): Options {
	const options: Options = {
		sizes: [1_000, 10_000],
		services: ['ceksafe', 'flexunlock'],
		limit: { limit: 20, windowMs: 2_000 },
		limitedN: 100,
		limited: true,
		unlimited: true,
		rounds: 2,
		whatIf: false,
		projectEngine: false,
	};
	readFlags(argv, (flag, value) => {
		if (flag === '--n') options.sizes = value().split(',').map(Number);
		else if (flag === '--services') options.services = value().split(',') as ServiceName[];
		else if (flag === '--limited-n') options.limitedN = Number(value());
		else if (flag === '--rounds') options.rounds = Math.max(1, Number(value()));
		else if (flag === '--skip-limited') options.limited = false;
		else if (flag === '--what-if') options.whatIf = true;
		else if (flag === '--project-engine') options.projectEngine = true;
		else if (flag === '--skip-unlimited') options.unlimited = false;
		else if (flag === '--cpu-prof') options.cpuProfDir = value();
		else if (flag === '--limit') options.limit = parseLimit(value());
		else return false;
		return true;
	});
	for (const service of options.services) if (!SERVICES[service]) throw new Error(`unknown service ${service}`);
	return options;
}

function scenarios(options: Options, withHttpRequest: boolean): Scenario[] {
	const list: Scenario[] = [];
	const add = (scenario: Omit<Scenario, 'id'>) => list.push({ ...scenario, id: String(list.length + 1) });
	for (const service of options.services) {
		if (options.unlimited) {
			for (const n of options.sizes) {
				const large = n >= LARGE_N;
				for (let round = 0; round < (large ? options.rounds : 1); round++) {
					add({ service, n, client: { kind: 'undici', concurrency: 5 } });
					add({ service, n, client: { kind: 'undici', concurrency: 50 } });
					if (withHttpRequest) {
						add({ service, n, client: { kind: 'httpRequest' } });
						add({ service, n, client: { kind: 'httpRequest', batching: { size: 50, intervalMs: 10 } } });
					}
					add({ service, n, client: { kind: 'package' } });
					add({ service, n, client: { kind: 'package', concurrency: 50 } });
					if (large) add({ service, n, client: { kind: 'helperOnly', concurrency: 50 } });
					if (large && options.whatIf) add({ service, n, client: { kind: 'package', concurrency: 50, functionAuth: true } });
				}
			}
		}
		if (options.limited) {
			const { limit } = options;
			const n = options.limitedN;
			if (withHttpRequest) {
				add({ service, n, limit, client: { kind: 'httpRequest' } });
				add({ service, n, limit, client: { kind: 'httpRequest', batching: { size: limit.limit, intervalMs: limit.windowMs } } });
			}
			add({ service, n, limit, client: { kind: 'package' } });
			add({ service, n, limit, client: { kind: 'package', concurrency: 50 } });
		}
	}
	return list;
}

/** The simulator's process; `fresh(host)` starts a new simulator on that loopback address. */
function startSimulatorProcess(): { child: ChildProcess; fresh(host: string): Promise<string> } {
	const child = fork(join(__dirname, 'sim-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const fresh = (host: string) =>
		new Promise<string>((resolve, reject) => {
			const onExit = (code: number | null) => reject(new Error(`the simulator exited (${code})`));
			child.once('exit', onExit);
			child.once('message', (message: { baseUrl?: string; error?: string }) => {
				child.off('exit', onExit);
				if (message.baseUrl) resolve(message.baseUrl);
				else reject(new Error(`the simulator did not start: ${message.error}`));
			});
			child.send({ host });
		});
	return { child, fresh };
}

async function admin(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${baseUrl}/_sim${path}`, {
		method,
		headers: body === undefined ? undefined : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`simulator admin ${method} ${path}: HTTP ${response.status}`);
	return response.status === 204 ? undefined : response.json();
}

function rateLimitKnob(limit?: RateLimit) {
	const knob = limit ? { mode: 'fixed', ...limit } : { mode: 'off' };
	return { ceksafe: { rateLimit: knob }, flexunlock: { rateLimit: knob } };
}

interface Run {
	scenario: Scenario;
	result?: WorkerResult;
	rateLimited: number;
	failure?: string;
}

/** One line of the table: the runs of one configuration (several for large N). */
interface Row {
	scenario: Scenario;
	runs: Run[];
	/** The fastest run that completed. */
	best?: WorkerResult;
	/** Largest peak RSS growth over the runs. */
	rssGrowthBytes: number;
	rateLimited: number;
	failed: number;
	executionError?: string;
	failure?: string;
}

const rowKey = (scenario: Scenario) => `${scenario.service}|${scenario.n}|${JSON.stringify(scenario.limit)}|${clientLabel(scenario.client)}`;

function rows(runs: Run[]): Row[] {
	const byKey = new Map<string, Run[]>();
	for (const run of runs) byKey.set(rowKey(run.scenario), [...(byKey.get(rowKey(run.scenario)) ?? []), run]);
	return [...byKey.values()].map((group) => {
		const done = group.filter((run) => run.result);
		const best = done.map((run) => run.result!).sort((a, b) => a.wallMs - b.wallMs)[0];
		return {
			scenario: group[0].scenario,
			runs: group,
			best,
			rssGrowthBytes: Math.max(0, ...done.map((run) => run.result!.rssPeakBytes - run.result!.rssBaselineBytes)),
			rateLimited: Math.max(0, ...group.map((run) => run.rateLimited)),
			failed: Math.max(0, ...done.map((run) => run.scenario.n - run.result!.ok)),
			executionError: done.find((run) => run.result!.executionError)?.result?.executionError,
			failure: group.find((run) => run.failure)?.failure,
		};
	});
}

interface Engine {
	execPath: string;
	env: NodeJS.ProcessEnv;
	label: string;
}

async function runScenario(engine: Engine, scenario: Scenario, baseUrl: string, cpuProfDir?: string): Promise<Run> {
	const execArgv = ['--expose-gc', ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=run-${scenario.id}.cpuprofile`] : [])];
	const child = fork(join(__dirname, 'worker.js'), [JSON.stringify(scenario), baseUrl], {
		execPath: engine.execPath,
		execArgv,
		env: engine.env,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	try {
		const result = await new Promise<WorkerResult>((resolve, reject) => {
			child.on('message', (message: WorkerMessage) => {
				if (message.type === 'ready') {
					// The warm-up ran without a limit; the measured run starts from a fresh simulator.
					admin(baseUrl, 'POST', '/reset')
						.then(() => admin(baseUrl, 'PATCH', '/config', rateLimitKnob(scenario.limit)))
						.then(() => child.send({ type: 'go' }), reject);
				} else if (message.type === 'result') resolve(message.result);
				else reject(new Error(message.message));
			});
			child.once('exit', (code) => reject(new Error(`the measured process exited (${code}) without a result`)));
		});
		const state = (await admin(baseUrl, 'GET', '/state')) as Record<string, { rateLimited: number }>;
		return { scenario, result, rateLimited: state[scenario.service].rateLimited };
	} catch (error) {
		return { scenario, rateLimited: 0, failure: (error as Error).message.split('\n')[0] };
	} finally {
		if (cpuProfDir) await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
		else child.kill();
	}
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

function table(rows: Row[]): string {
	const header = ['Service', 'N', 'Vendor limit', 'Client', 'Time s', 'Items/s', 'ms/item', '× undici', 'Peak RSS +MB', '429s', 'Failed', 'Time ÷ N/L'];
	const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i < 4 ? ' --- ' : ' ---: ')).join('|')}|`];
	/** Raw undici's per-item time for the same service and N at the physical limit (its fastest row). */
	const rawMs = (row: Row): number | undefined => {
		const times = rows
			.filter((other) => other.scenario.client.kind === 'undici' && other.best && other.scenario.service === row.scenario.service && other.scenario.n === row.scenario.n)
			.map((other) => other.best!.wallMs / other.scenario.n);
		return times.length ? Math.min(...times) : undefined;
	};
	for (const row of rows) {
		const { scenario, best } = row;
		const limit = scenario.limit;
		const runs = row.runs.length > 1 ? ` (best of ${row.runs.length})` : '';
		const cells: string[] = [
			SERVICES[scenario.service].label,
			scenario.n.toLocaleString('en-US'),
			limit ? `${limit.limit} / ${limit.windowMs / 1000} s` : 'none',
			clientLabel(scenario.client) + runs,
		];
		if (!best) {
			cells.push(`run failed: ${row.failure ?? '?'}`, '', '', '', '', '', '', '');
		} else {
			const seconds = best.wallMs / 1000;
			const perItem = best.wallMs / scenario.n;
			const raw = rawMs(row);
			cells.push(
				fixed(seconds, 2),
				fixed(scenario.n / seconds, 0),
				fixed(perItem, 3),
				!limit && raw ? `${fixed(perItem / raw, 1)}×` : '',
				fixed(row.rssGrowthBytes / 2 ** 20, 0),
				String(row.rateLimited),
				`${row.failed}${row.executionError ? ' (execution failed)' : ''}`,
				limit ? fixed(seconds / ((scenario.n / limit.limit) * (limit.windowMs / 1000)), 2) : '',
			);
		}
		lines.push(`| ${cells.join(' | ')} |`);
	}
	return lines.join('\n');
}

/** Credential reads for each n8n client at the largest N (n8n queries its database and decrypts for each). */
function credentialReads(rows: Row[]): string {
	const perClient = new Map<string, string>();
	const largest = Math.max(0, ...rows.map((row) => row.scenario.n));
	for (const row of rows) {
		if (row.scenario.client.kind === 'undici' || !row.best || row.scenario.limit || row.scenario.n !== largest) continue;
		perClient.set(clientLabel(row.scenario.client), `${row.best.credentialReads.toLocaleString('en-US')}`);
	}
	return `${[...perClient].map(([label, reads]) => `${label}: ${reads}`).join('; ')} (for ${largest.toLocaleString('en-US')} items)`;
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const installed = !options.projectEngine && isN8nInstalled();
	const userFolder = mkdtempSync(join(tmpdir(), 'device-access-bench-'));
	const n8nEnv = {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'device-access-bench-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_LOG_LEVEL: 'silent',
	};
	const engine: Engine = installed
		? { execPath: NODE24, env: node24Env({ ...n8nEnv, BENCH_ENGINE_ROOT: RUNTIME_DIR }), label: `installed n8n ${N8N_VERSION} (its n8n-core and HTTP Request node)` }
		: { execPath: process.execPath, env: { ...process.env, ...n8nEnv }, label: "this project's n8n-core devDependency (no n8n installed: HTTP Request node rows skipped; `npm run n8n:install` adds them)" };
	const list = scenarios(options, installed);
	const sim = startSimulatorProcess();
	const runs: Run[] = [];
	const started = Date.now();
	try {
		for (const [index, scenario] of list.entries()) {
			process.stderr.write(`[bench] ${scenario.id}/${list.length} ${scenario.service} n=${scenario.n}${scenario.limit ? ' limited' : ''}: ${clientLabel(scenario.client)}\n`);
			// A fresh simulator on a fresh loopback address for every run (see sim-process.ts).
			const baseUrl = await sim.fresh(`127.0.0.${2 + (index % 250)}`);
			runs.push(await runScenario(engine, scenario, baseUrl, options.cpuProfDir));
		}
	} finally {
		sim.child.disconnect();
		rmSync(userFolder, { recursive: true, force: true });
	}
	const first = runs.find((run) => run.result)?.result;
	const tableRows = rows(runs);
	console.log(
		[
			`Engine: ${engine.label}; Node ${first?.node ?? '?'}; simulator on Node ${process.version} in its own process; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${Math.round((Date.now() - started) / 1000)} s in all.`,
			`"× undici": per-item time over raw undici's at the physical limit (its faster row) for the same service and N. Peak RSS: growth over the measured process's own baseline (engine loaded, warmed up, after GC).`,
			'',
			table(tableRows),
			'',
			`Credential reads (each a database query and a decryption in n8n; here a decryption only): ${credentialReads(tableRows)}.`,
		].join('\n'),
	);
}

main().catch((error: Error) => {
	console.error(`bench: ${error.message}`);
	process.exit(1);
});
