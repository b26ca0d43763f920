/**
 * Simulator knobs. Every one can be set by environment variable or CLI flag (see `bin.ts` and the
 * README's simulator section) and most can be changed at run time through `/_sim/*`.
 */
import type { Dialect } from './core/dialect';
import { noFaults, type FaultConfig } from './core/faults';
import type { LimitKnob, RateHeaderForm } from './core/rate-limit';

/**
 * `plan`: each key gets its plan's documented per-minute limit (the faithful default);
 * `fixed`: every key gets `limit` per `windowMs` (tight limits for tests and benchmarks);
 * `off`: no limit and no rate-limit headers.
 */
export type RateLimitKnob = LimitKnob;

export interface SimConfig {
	host: string;
	/** 0 picks a free port (tests). */
	port: number;
	faults: FaultConfig;
	/**
	 * How inferred (undocumented) response shapes look: `a` (the simulator's own reading), `b`
	 * (renamed and re-nested), `minimal` (optional fields dropped). See docs/simulator.md, "Dialects".
	 */
	dialect: Dialect;
	/** The rate-limit header form of every API's answers (`dialect`: each API's own); see core/rate-limit.ts and docs/simulator.md. */
	rateLimitHeaders: RateHeaderForm;
	flexykey: {
		rateLimit: RateLimitKnob;
		/** How long a PushChanges sync takes to reach `completed`. */
		syncDurationMs: number;
		/** Status responses are cached this long ("normally 2 seconds"). */
		statusCacheMs: number;
		/** Delay before a RequestUnitInfo answer appears in UnitMessages. */
		unitInfoDelayMs: number;
		/** A repeated request of the same type within this time is answered from cache. */
		unitInfoCacheMs: number;
	};
	flexunlock: {
		rateLimit: RateLimitKnob;
		/** Time between order status steps created → processing → completed/failed. */
		orderStepMs: number;
	};
	ceksafe: {
		rateLimit: RateLimitKnob;
	};
}

export function defaultConfig(): SimConfig {
	return {
		host: '127.0.0.1',
		port: 5680,
		faults: { ...noFaults, script: [] },
		dialect: 'a',
		rateLimitHeaders: 'dialect',
		flexykey: {
			rateLimit: { mode: 'fixed', limit: 600, windowMs: 60_000 }, // inferred: no documented limit
			syncDurationMs: 3_000,
			statusCacheMs: 2_000,
			unitInfoDelayMs: 1_500,
			unitInfoCacheMs: 10_000,
		},
		flexunlock: {
			rateLimit: { mode: 'plan', limit: 60, windowMs: 60_000 },
			orderStepMs: 2_000,
		},
		ceksafe: {
			rateLimit: { mode: 'plan', limit: 500, windowMs: 60_000 },
		},
	};
}

/** Deep-merges a partial config over the defaults (objects merge, other values replace). */
export function mergeConfig<T>(base: T, patch: DeepPartial<T> | undefined): T {
	if (!patch) return base;
	const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
	for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
		// An explicit `undefined` (e.g. an optional field left unset) must not erase the default.
		if (value === undefined) continue;
		const current = out[key];
		out[key] =
			value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
				? mergeConfig(current, value as DeepPartial<typeof current>)
				: value;
	}
	return out as T;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
