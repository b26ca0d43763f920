/**
 * The one place that owns the per-item loop for every action node in this package: input order,
 * `pairedItem`, `continueOnFail`, `itemIndex` on errors and bounded concurrency. Operation files
 * only describe their fields and a `run` function for one item.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { ItemWidth } from './item-width';
import { RunMemo, type ItemScope } from './run-scope';

export type ItemResult = IDataObject | IDataObject[];

export interface Operation {
	/** The node parameters this operation adds; each carries its own `displayOptions`. */
	readonly properties: INodeProperties[];
	/**
	 * Produces the output JSON of one input item (an array means one output item per element). It reads
	 * parameters with `this.getNodeParameter(name, item.index)` and calls the API through the service's
	 * client bound to the item (`flexyKeyApi(this, item)`); `item.memo` holds what is read once per run.
	 */
	run(this: IExecuteFunctions, item: ItemScope): Promise<ItemResult>;
	/**
	 * Whether items may run at the same time. Off for operations whose items can depend on each
	 * other's remote effects (e.g. two entries on one unit, then a push), on for independent lookups.
	 */
	readonly concurrent?: boolean;
	/**
	 * What an AI agent is told this operation does when the node is attached as a tool: what it does,
	 * the inputs it needs, what it returns and what it will not do. Without one, n8n says
	 * "<action> in <node>".
	 */
	readonly toolDescription?: string;
}

export interface ExecutionOptions {
	/** Items in flight at once for concurrent operations (1 = one after another); undefined adapts (item-width.ts). */
	concurrency: number | undefined;
	/** Add `_rateLimit` (the server's rate-limit state after the item's last call) to each output. */
	includeRateLimit: boolean;
}

type Outcome = { ok: true; json: IDataObject[] } | { ok: false; error: Error };

export async function executeOperation(this: IExecuteFunctions, operation: Operation, options: ExecutionOptions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const memo = new RunMemo();
	const outcomes: Outcome[] = new Array(items.length);
	const continueOnFail = this.continueOnFail();
	const width = new ItemWidth(operation.concurrent ? options.concurrency : 1);
	let next = 0;
	let stopped = false;

	const runOne = async (scope: ItemScope): Promise<void> => {
		const { index } = scope;
		try {
			const result = await operation.run.call(this, scope);
			const json = (Array.isArray(result) ? result : [result]).map((row) =>
				options.includeRateLimit && scope.rateLimit ? { ...row, _rateLimit: { ...scope.rateLimit } } : row,
			);
			outcomes[index] = { ok: true, json };
		} catch (error) {
			outcomes[index] = { ok: false, error: asNodeError(this, error, index) };
			// Without continueOnFail the run fails: start no new item, let the ones in flight finish
			// so nothing is left half-sent.
			if (!continueOnFail) stopped = true;
		}
	};

	// Items start in input order while fewer than the width are in flight; each one finished tells the width
	// what it met, then the next ones start.
	await new Promise<void>((resolve) => {
		let inFlight = 0;
		const pump = (): void => {
			while (!stopped && next < items.length && inFlight < width.current) {
				const scope: ItemScope = { index: next++, memo };
				inFlight++;
				const finished = () => {
					inFlight--;
					width.settle(scope);
					pump();
				};
				runOne(scope).then(finished, finished);
			}
			if (inFlight === 0) resolve();
		};
		pump();
	});

	if (!continueOnFail) {
		const failed = outcomes.find((outcome) => outcome && !outcome.ok) as { error: Error } | undefined;
		if (failed) throw failed.error;
	}
	return [outcomes.flatMap((outcome, index) => toOutputItems(outcome, index))];
}

function toOutputItems(outcome: Outcome, index: number): INodeExecutionData[] {
	const pairedItem = { item: index };
	if (outcome.ok) return outcome.json.map((json) => ({ json, pairedItem }));
	return [{ json: errorJson(outcome.error), pairedItem }];
}

/** The JSON `continueOnFail` puts in place of a failed item: message first, then what helps fix it. */
export function errorJson(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	const { description, httpCode } = error as NodeApiError;
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	const code = (error as NodeApiError).context?.code;
	if (code) json.code = code as string;
	return json;
}

/**
 * The one error helper: the error as n8n wants it thrown for an item, API and input errors as they
 * are (with the item index), anything else wrapped. Callers that reword a failure use it first.
 */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = { ...(error.context ?? {}), itemIndex };
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}
