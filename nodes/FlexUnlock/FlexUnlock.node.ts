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
		builderHint: {
			searchHint:
				'Use for FlexUnlock device (phone) unlocking: check whether an IMEI can be unlocked on a carrier, place unlock orders, read or wait for an order\'s result and unlock code, list services and carriers, manage FlexUnlock webhooks. Pick it over HTTP Request for this API: it authenticates with the FlexUnlock credential, paces requests to the rate limit, never sends an order twice on a retry, and rejects a malformed IMEI naming the field before anything is sent.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-device-access.cekSafe', relationHint: 'Checks an IMEI against blacklists before ordering its unlock' },
				{ nodeType: 'n8n-nodes-device-access.flexUnlockTrigger', relationHint: 'Starts a workflow when an unlock order completes or fails' },
			],
		},
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
