/**
 * Dialects: the same simulated APIs answering their INFERRED (undocumented) response shapes in
 * another plausible form, so tests can see whether the nodes' readings survive a real server that
 * guessed differently. `a` is the canonical shape the handlers build; `b` renames and re-nests;
 * `minimal` drops every optional field. Documented shapes are never passed through a dialect.
 * The per-service variants live in `simulator/<service>/dialects.ts`; the list is in docs/simulator.md.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const DIALECTS = ['a', 'b', 'minimal'] as const;
export type Dialect = (typeof DIALECTS)[number];

export function isDialect(value: unknown): value is Dialect {
	return (DIALECTS as readonly unknown[]).includes(value);
}

/**
 * A request may pick its own dialect with the `X-Sim-Dialect` header: tests send `a` for their set-up
 * calls and state reads, so only the node under test meets the configured dialect.
 */
export const DIALECT_HEADER = 'x-sim-dialect';

const requestDialect = new AsyncLocalStorage<Dialect>();

/** Runs a request's handler in the dialect its header asks for (if any). */
export function inRequestDialect<T>(header: string | string[] | undefined, run: () => T): T {
	const wanted = typeof header === 'string' ? header.trim().toLowerCase() : undefined;
	return isDialect(wanted) ? requestDialect.run(wanted, run) : run();
}

/** The dialect to answer in: the request's own, else the configured one. */
export function currentDialect(configured: Dialect): Dialect {
	return requestDialect.getStore() ?? configured;
}

/**
 * How one inferred shape looks in each dialect. Dialect `a` is the value as built unless `a` says
 * otherwise (when the handler passes extra context, e.g. the unit a plain array belongs to).
 */
export interface Variants<T> {
	a?(value: T): unknown;
	b(value: T): unknown;
	minimal(value: T): unknown;
}

/** A shape with its variants: call it with the live dialect and the canonical value. */
export type Shape<T> = (dialect: Dialect, value: T) => unknown;

export function shape<T>(variants: Variants<T>): Shape<T> {
	return (dialect, value) => {
		if (dialect !== 'a') return variants[dialect](value);
		return variants.a ? variants.a(value) : value;
	};
}

type Row = Record<string, unknown>;

/** A copy with only the given keys, in that order, skipping absent (undefined) ones. */
export function pick(value: object, keys: readonly string[]): Row {
	const source = value as Row;
	return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

/** A copy whose keys are renamed by `names` (others kept as they are, in their order). */
export function rename(value: object, names: Record<string, string>): Row {
	return Object.fromEntries(Object.entries(value).map(([key, field]) => [names[key] ?? key, field]));
}

/** A copy without the keys whose value is null (a server that omits empty optional fields). */
export function withoutNulls(value: object): Row {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null && field !== undefined));
}

/** A copy without the given keys. */
export function omit(value: object, keys: readonly string[]): Row {
	return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/** A state word as an ASP.NET API serialises its enums by name: `noChanges` → `NoChanges`. */
export const enumName = (word: unknown): unknown => (typeof word === 'string' && word !== '' ? word[0].toUpperCase() + word.slice(1) : word);

/** A state word as a constant: `noChanges` → `NO_CHANGES`, `rateLimited` → `RATE_LIMITED`. */
export const constantName = (word: unknown): unknown => (typeof word === 'string' ? word.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() : word);

/** No body: an inferred 204 that a dialect may answer with a body instead (`reply.deleted`). */
export const noBody = (): undefined => undefined;

/**
 * Rate-limit headers where no document fixes them (FlexyKey's and CekSafe's; FlexUnlock documents its
 * own, which never pass through here): `b` gives the reset as seconds left and `Retry-After` as an HTTP
 * date, `minimal` sends only the `Retry-After` of a 429.
 */
export function inferredRateHeaders(dialect: Dialect, decision: { headers: Record<string, string>; resetAtMs?: number }, now: number): Record<string, string> {
	const { headers, resetAtMs } = decision;
	if (dialect === 'a' || resetAtMs === undefined) return headers;
	if (dialect === 'minimal') return pick(headers, ['Retry-After']) as Record<string, string>;
	const out: Record<string, string> = { ...headers, 'X-RateLimit-Reset': String(Math.max(0, Math.ceil((resetAtMs - now) / 1000))) };
	// the window's end as an HTTP date, rounded up to the whole second it can say (never early)
	if (headers['Retry-After'] !== undefined) out['Retry-After'] = new Date(Math.ceil(resetAtMs / 1000) * 1000).toUTCString();
	return out;
}
