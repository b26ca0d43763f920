/** Jest glue: one in-process simulator per test file, reset between tests, plus credential values for it. */
import { cekSafeKeys, flexUnlockKeys, flexyKeyUsers } from '../../simulator/demo-credentials';
import type { DeepPartial, SimConfig } from '../../simulator/config';
import { ManualClock } from '../../simulator/core/clock';
import { DIALECTS, type Dialect } from '../../simulator/core/dialect';
import { startSimulator, type Simulator } from '../../simulator/index';
import type { CredentialValues } from './credentials-helper';

export { DIALECTS, type Dialect };

/** Fast defaults for tests: short syncs and delays, no vendor rate limits unless a test sets one. */
export const TEST_SIM_CONFIG: DeepPartial<SimConfig> = {
	port: 0,
	flexykey: { syncDurationMs: 300, statusCacheMs: 100, unitInfoDelayMs: 50, rateLimit: { mode: 'off' } },
	flexunlock: { orderStepMs: 100, rateLimit: { mode: 'off' } },
	ceksafe: { rateLimit: { mode: 'off' } },
};

export interface SimulatorHandle {
	readonly sim: Simulator;
	/**
	 * The simulator's clock when started with `{ manualClock: true }`: time (syncs, unit answers, caches,
	 * order steps, rate-limit windows) moves only by `clock.advance(ms)`.
	 */
	readonly clock: ManualClock;
	/** Credential values for the demo identities, pointing at this simulator. */
	credentials(overrides?: Partial<{ flexyKeyUser: keyof typeof flexyKeyUsers; flexUnlockKey: keyof typeof flexUnlockKeys; cekSafeKey: keyof typeof cekSafeKeys }>): CredentialValues;
}

export interface SimulatorOptions {
	/** Start the simulator on a ManualClock the test moves (`handle.clock.advance(ms)`). */
	manualClock?: boolean;
}

export function useSimulator(overrides?: DeepPartial<SimConfig>, options: SimulatorOptions = {}): SimulatorHandle {
	let sim: Simulator | undefined;
	const manual = options.manualClock ? new ManualClock() : undefined;
	beforeAll(async () => {
		sim = await startSimulator(mergeDeep(TEST_SIM_CONFIG, overrides), manual);
	});
	afterAll(async () => {
		await sim?.stop();
	});
	beforeEach(() => sim?.reset());
	return {
		get sim() {
			if (!sim) throw new Error('simulator not started (use inside a test)');
			return sim;
		},
		get clock() {
			if (!manual) throw new Error('this simulator runs on the wall clock (useSimulator(config, { manualClock: true }))');
			return manual;
		},
		credentials(choice = {}) {
			if (!sim) throw new Error('simulator not started (use inside a test)');
			return credentialsFor(sim, choice);
		},
	};
}

export function credentialsFor(
	sim: Simulator,
	choice: Partial<{ flexyKeyUser: keyof typeof flexyKeyUsers; flexUnlockKey: keyof typeof flexUnlockKeys; cekSafeKey: keyof typeof cekSafeKeys }> = {},
): CredentialValues {
	const user = flexyKeyUsers[choice.flexyKeyUser ?? 'demo'];
	return {
		flexyKeyApi: { username: user.username, password: user.password, baseUrl: sim.urls.flexykey },
		flexUnlockApi: { apiKey: flexUnlockKeys[choice.flexUnlockKey ?? 'bigSeller'].key, baseUrl: sim.urls.flexunlock },
		cekSafeApi: { apiKey: cekSafeKeys[choice.cekSafeKey ?? 'growth'].key, baseUrl: sim.urls.ceksafe },
	};
}

function mergeDeep<T>(base: T, patch: unknown): T {
	if (!patch || typeof patch !== 'object') return base;
	const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
	for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
		out[key] = value && typeof value === 'object' && !Array.isArray(value) ? mergeDeep(out[key] ?? {}, value) : value;
	}
	return out as T;
}

/**
 * Request header for a test's own set-up calls and state reads: they stay in dialect `a`, so only the
 * node under test meets the dialect a block runs in (docs/simulator.md, "Dialects").
 */
export const CANONICAL_DIALECT = { 'X-Sim-Dialect': 'a' } as const;

/**
 * Runs the tests `body` declares once per dialect against this file's simulator: each run is a
 * `describe` named after its dialect, which is set before its tests and put back to `a` after.
 */
export function eachDialect(handle: SimulatorHandle, body: (dialect: Dialect) => void, dialects: readonly Dialect[] = DIALECTS): void {
	describe.each(dialects)('dialect %s', (dialect) => {
		beforeAll(() => {
			handle.sim.config.dialect = dialect;
		});
		afterAll(() => {
			handle.sim.config.dialect = 'a';
		});
		body(dialect);
	});
}

/** An IO item of `GET /Control` and the `control.statusChanged` payload as `dialect` writes it (docs/simulator.md). */
export function ioItem(dialect: Dialect, globalNumber: string, state: 'ON' | 'OFF'): Record<string, unknown> {
	return dialect === 'b' ? { globalNumber, isOn: state === 'ON' } : { globalNumber, state };
}
