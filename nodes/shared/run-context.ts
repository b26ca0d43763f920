/**
 * What an operation's `run(item, ctx)` can use besides n8n's execute functions: a memo that lives
 * for one node execution (reads worth doing once per run, not once per item) and, per service, a
 * typed client (`ctx.flexyKey.get(path, qs)`), built by the service's context factory.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { serviceClient, type ServiceClient } from './client';
import type { ItemScope, RunMemo } from './run-scope';
import type { ServiceSpec } from './transport';

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

