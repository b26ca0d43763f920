/** An `INodeTypes` with this package's nodes plus the two stand-ins test workflows start from. */
import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ManualTriggerStandIn, NodeTypeRegistry } from '../../scripts/engine-core';
import { loadPackageNodes } from './package-types';

/** Emits fixed items from its `items` parameter, like a pinned Set/Code node in an exported workflow. */
class FixedItems implements INodeType {
	description = {
		displayName: 'Fixed Items',
		name: 'fixedItems',
		group: ['transform'],
		version: 1,
		description: 'Test helper: outputs the JSON items in its parameter',
		defaults: { name: 'Fixed Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions) {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: Math.min(index, this.getInputData().length - 1) } }))];
	}
}

export class HarnessNodeTypes extends NodeTypeRegistry {
	constructor() {
		super(
			new Map<string, INodeType>([
				['n8n-nodes-base.manualTrigger', new ManualTriggerStandIn()],
				['test.fixedItems', new FixedItems()],
				...loadPackageNodes(),
			]),
		);
	}

	names(): string[] {
		return [...this.types.keys()];
	}
}
