import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { describeResources, requestOptionsProperty, routeOperation } from '../shared/node-options';
import { resources } from './actions';
import { searchWebhooks } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';

export class FlexUnlock implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FlexUnlock',
		name: 'flexUnlock',
		icon: { light: 'file:../../icons/flexunlock.svg', dark: 'file:../../icons/flexunlock.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Check unlock eligibility, place and follow device unlock orders, and manage webhooks with FlexUnlock',
		defaults: { name: 'FlexUnlock' },
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexunlock.md',
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexUnlockApi', required: true }],
		properties: [...describeResources(resources), requestOptionsProperty({ imeiValidation: true })],
	};

	methods = {
		listSearch: { searchWebhooks },
		loadOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return routeOperation(this, resources);
	}
}
