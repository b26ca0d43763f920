/** The "Options" every action node in this package offers, and the router from resource/operation to code. */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { optionsCollection } from './display';
import { executeOperation, type ExecutionOptions, type Operation } from './executor';
import { MAX_CONCURRENCY, START_WIDTH } from './item-width';
import type { ItemScope } from './run-scope';

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
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			// What the field shows when added; left out, the width adapts from the same number (item-width.ts).
			default: START_WIDTH,
			description:
				'How many items are sent at the same time for independent lookups. Without this option the node adapts: it starts at 5, adds one with each answer that shows no rate-limit pressure (up to 50), halves on a 429 (not below 5) and then stops growing. Set a number to keep it fixed. Requests are paced by the rate-limit headers whatever this is.',
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
	return optionsCollection(options);
}

export function executionOptions(ctx: IExecuteFunctions): ExecutionOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as { concurrency?: number; includeRateLimit?: boolean };
	return {
		concurrency: options.concurrency,
		includeRateLimit: options.includeRateLimit === true,
	};
}

/** Whether local IMEI validation is on for this item (default on). */
export function validateImeiOption(ctx: IExecuteFunctions, item: ItemScope): boolean {
	return item.memo.parameter(ctx, 'options.validateImei', item.index, true) !== false;
}

/** An entry of the Operation dropdown; `action` is the text n8n shows in the actions panel and for AI tools. */
export type OperationOption = INodePropertyOptions & { action: string };

/** One resource of a node: its dropdown entry and its operations, each with its dropdown entry. */
export interface ResourceDefinition {
	name: string;
	value: string;
	description?: string;
	operations: Array<{ option: OperationOption; operation: Operation }>;
}

/**
 * A resource's `index.ts`: its Resource dropdown entry and, per operation, its Operation dropdown
 * entry beside the code that runs it (`[option, operation]`), in the order the file lists them.
 */
export function defineResource(resource: Pick<ResourceDefinition, 'name' | 'value' | 'description'>, operations: Array<[OperationOption, Operation]>): ResourceDefinition {
	return { ...resource, operations: operations.map(([option, operation]) => ({ option, operation })) };
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
		...resources.flatMap(toolDescriptionProperties),
	];
}

/**
 * The "Tool Description" field, shown only on the node's AI-tool variant (`@tool`): an operation's own
 * description for a model where it has one, else empty, which n8n reads as "<action> in <node>". n8n
 * adds its own field only to nodes that have none, so every operation gets one here.
 */
function toolDescriptionProperties(resource: ResourceDefinition): INodeProperties[] {
	const field = (operations: string[], text: string): INodeProperties => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: text,
		description: 'What the AI agent is told this tool does. Empty: the operation\'s name.',
		displayOptions: { show: { '@tool': [true], resource: [resource.value], operation: operations } },
	});
	const described = resource.operations.filter(({ operation }) => operation.toolDescription !== undefined);
	const plain = resource.operations.filter(({ operation }) => operation.toolDescription === undefined).map(({ option }) => option.value as string);
	return [
		...described.map(({ option, operation }) => field([option.value as string], operation.toolDescription!)),
		...(plain.length > 0 ? [field(plain, '')] : []),
	];
}

/** Runs the chosen operation through the executor. */
export async function routeOperation(ctx: IExecuteFunctions, resources: ResourceDefinition[]): Promise<INodeExecutionData[][]> {
	const resourceName = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const operation = resources
		.find((resource) => resource.value === resourceName)
		?.operations.find(({ option }) => option.value === operationName)?.operation;
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" of "${resourceName}" is not supported`);
	}
	return executeOperation.call(ctx, operation, executionOptions(ctx)) as Promise<INodeExecutionData[][]>;
}
