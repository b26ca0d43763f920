import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { describeResources, requestOptionsProperty, routeOperation } from '../shared/node-options';
import { resources } from './actions';
import { loadOptions } from './methods/loadOptions';
import { searchUnits } from './methods/listSearch';

export class FlexyKey implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FlexyKey',
		name: 'flexyKey',
		icon: { light: 'file:../../icons/flexykey.svg', dark: 'file:../../icons/flexykey.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Control FlexyKey and Evva access units: IO, PINs and tags, settings, sync, webhooks, logs and bookings',
		defaults: { name: 'FlexyKey' },
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexykey.md',
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexyKeyApi', required: true }],
		properties: [...describeResources(resources), requestOptionsProperty()],
	};

	methods = {
		listSearch: { searchUnits },
		loadOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return routeOperation(this, resources);
	}
}
