/**
 * What an operation's `run(item, ctx)` can use besides n8n's execute functions: a memo that lives
 * for one node execution (reads worth doing once per run, not once per item) and, per service, a
 * typed client (`ctx.flexyKey.get(path, qs)`), built by the service's context factory.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { isExpression } from 'n8n-workflow';
import type { ItemScope } from './executor';
import { serviceClient, type ServiceClient } from './client';
import type { ServiceSpec } from './transport';

type PlainValue = string | number | boolean | null;

const isPlain = (value: unknown): value is PlainValue =>
	value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The per-execution memo: created by the executor for one node run and dropped with it, so nothing
 * read here outlives the execution (no module-level cache keyed on `this`).
 */
export class RunMemo {
	private readonly reads = new Map<string, Promise<unknown>>();
	private readonly constants = new Map<string, PlainValue>();
	private readonly dynamic = new Set<string>();

	/**
	 * `read()` once per execution under `key` (credentials, definitions, catalogs). A failed read is
	 * not kept: the next item tries again and reports its own error.
	 */
	once<T>(key: string, read: () => Promise<T>): Promise<T> {
		let cached = this.reads.get(key) as Promise<T> | undefined;
		if (!cached) {
			cached = read();
			cached.catch(() => this.reads.delete(key));
			this.reads.set(key, cached);
		}
		return cached;
	}

	/**
	 * `getNodeParameter` for a parameter read once per item, evaluated once per run when it holds no
	 * expression: n8n resolves and re-validates a parameter on every call, a constant one too (a few
	 * µs each, for every item). Only plain values are kept, so no caller can alter a shared object.
	 */
	parameter(fns: IExecuteFunctions, name: string, itemIndex: number, fallback?: unknown): unknown {
		if (this.constants.has(name)) return this.constants.get(name);
		const value = fns.getNodeParameter(name, itemIndex, fallback);
		if (!this.dynamic.has(name)) {
			const raw = fns.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
			if (isPlain(raw) && !isExpression(raw) && isPlain(value)) this.constants.set(name, value);
			else this.dynamic.add(name);
		}
		return value;
	}
}

/** The context every operation receives; services add their client (see `serviceContext`). */
export interface RunContext {
	/** Shared by all items of this execution. */
	readonly memo: RunMemo;
	/** This item's value of a parameter, evaluated once per run when it holds no expression. */
	parameter(name: string, fallback?: unknown): unknown;
}

/** Builds the context an item's `run` receives, from n8n's execute functions and the item. */
export type ContextFactory<C extends RunContext = RunContext> = (fns: IExecuteFunctions, item: ItemScope) => C;

export const baseContext: ContextFactory = (fns, item) => ({
	memo: item.memo,
	parameter: (name, fallback) => item.memo.parameter(fns, name, item.index, fallback),
});

/** A service's context factory: the base context plus its client under `key` (`ctx.flexyKey`). */
export function serviceContext<K extends string>(key: K, spec: ServiceSpec): ContextFactory<RunContext & Record<K, ServiceClient>> {
	return (fns, item) => ({ ...baseContext(fns, item), [key]: serviceClient(fns, spec, item) }) as RunContext & Record<K, ServiceClient>;
}

