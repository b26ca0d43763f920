/**
 * What one node execution and one item of it carry through every layer (executor, context, client,
 * transport): the execution's memo and the item's index and rate-limit state. It sits below all of
 * them and imports none of them (only rate-limit-headers' snapshot type), so each imports it without closing a circle.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { isExpression } from 'n8n-workflow';
import type { RateLimitSnapshot } from './rate-limit-headers';

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

/** What one item's run can see and leave behind besides its result. */
export interface ItemScope {
	readonly index: number;
	/** The execution's memo, shared by all its items (the transport keeps the credential there). */
	readonly memo: RunMemo;
	/** Set by the transport after each call: the rate-limit state the server reported. */
	rateLimit?: RateLimitSnapshot;
	/** Counted by the transport: answers of 429 this item met (the executor narrows its width on them). */
	throttled?: number;
}
