/** The "Options" every action node in this package offers, and the router from resource/operation to code. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { isExpression, NodeOperationError } from 'n8n-workflow';
import { executeOperation, type ExecutionOptions, type Operation } from './executor';

export const DEFAULT_CONCURRENCY = 5;

export interface RequestOptionsSpec {
	/** Offer the "Validate IMEI" switch (nodes that take IMEIs). */
	imeiValidation?: boolean;
}

export function requestOptionsProperty(spec: RequestOptionsSpec = {}): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many items are sent at the same time for independent lookups. Requests are paced by the rate-limit headers whatever this is.',
		},
		{
			displayName: 'Include Rate Limit Info',
			name: 'includeRateLimit',
			type: 'boolean',
			default: false,
			description: 'Whether to add `_rateLimit` (limit, remaining, reset time the server reported after the call) to each output item',
		},
	];
	if (spec.imeiValidation) {
		options.push({
			displayName: 'Validate IMEI',
			name: 'validateImei',
			type: 'boolean',
			default: true,
			description:
				'Whether to check IMEIs locally (15 digits, check digit) before sending. A bad IMEI fails only its own item and nothing is sent for it.',
		});
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export function executionOptions(ctx: IExecuteFunctions): ExecutionOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as { concurrency?: number; includeRateLimit?: boolean };
	return {
		concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
		includeRateLimit: options.includeRateLimit === true,
	};
}

/** Whether local IMEI validation is on for this item (default on). */
export function validateImeiOption(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return (itemParameter(ctx, 'options.validateImei', itemIndex, true) as boolean) !== false;
}

type PlainValue = string | number | boolean | null;
/** Per node run: the parameters read through `itemParameter` that hold no expression, and those that do. */
const runParameters = new WeakMap<IExecuteFunctions, { constant: Map<string, PlainValue>; dynamic: Set<string> }>();

const isPlain = (value: unknown): value is PlainValue =>
	value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * `getNodeParameter` for a parameter read once per item, evaluated once per node run when it holds
 * no expression: n8n resolves and re-validates a parameter on every call, a constant one too
 * (a few µs each, for every item). Only plain values are kept, so no caller can alter a shared object.
 */
export function itemParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback?: unknown): unknown {
	let run = runParameters.get(ctx);
	if (!run) {
		run = { constant: new Map(), dynamic: new Set() };
		runParameters.set(ctx, run);
	}
	if (run.constant.has(name)) return run.constant.get(name);
	const value = ctx.getNodeParameter(name, itemIndex, fallback);
	if (!run.dynamic.has(name)) {
		const raw = ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
		if (isPlain(raw) && !isExpression(raw) && isPlain(value)) run.constant.set(name, value);
		else run.dynamic.add(name);
	}
	return value;
}

/** One resource of a node: its dropdown entry and its operations, each with its dropdown entry. */
export interface ResourceDefinition {
	name: string;
	value: string;
	description?: string;
	operations: Array<{ option: INodePropertyOptions & { action: string }; operation: Operation }>;
}

/** The Resource and Operation dropdowns and every operation's fields, for the node description. */
export function describeResources(allResources: ResourceDefinition[]): INodeProperties[] {
	const resources = allResources.filter((resource) => resource.operations.length > 0);
	const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
	const firstResource = resources[0]?.value ?? '';
	const firstOperation = (resource: ResourceDefinition) => resource.operations[0].option.value as string;
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value, description }) => ({ name, value, description })).sort(byName),
			default: firstResource,
		},
		...resources.map(
			(resource): INodeProperties => ({
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource.value] } },
				options: resource.operations.map(({ option }) => option).sort(byName),
				default: firstOperation(resource),
			}),
		),
		...resources.flatMap((resource) => resource.operations.flatMap(({ operation }) => operation.properties)),
	];
}

export async function routeOperation(ctx: IExecuteFunctions, resources: ResourceDefinition[]): Promise<INodeExecutionData[][]> {
	const resourceName = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const operation = resources
		.find((resource) => resource.value === resourceName)
		?.operations.find(({ option }) => option.value === operationName)?.operation;
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" of "${resourceName}" is not supported`);
	}
	return executeOperation.call(ctx, operation, executionOptions(ctx));
}
