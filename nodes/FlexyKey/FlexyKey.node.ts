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
		builderHint: {
			searchHint:
				'Use for FlexyKey or Evva access-control units: open a door, gate or relay (Control → Set Output), read inputs and outputs, grant or revoke PINs and tags, change settings, push changes and wait for the sync, read access logs, manage bookings and unit webhooks. Pick it over HTTP Request for this API: it authenticates with the FlexyKey credential, paces requests to the API\'s rate limit, waits for sync and output confirmations, and rejects bad input naming the field before anything is sent.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-device-access.flexyKeyTrigger', relationHint: 'Starts a workflow when a unit reports an IO change (webhook), e.g. to switch an output in reply' },
				{ nodeType: 'n8n-nodes-device-access.flexyKeyStatusTrigger', relationHint: 'Starts a workflow when a unit input or output changes, by polling (no public URL needed)' },
				{ nodeType: 'n8n-nodes-device-access.flexyKeyLogTrigger', relationHint: 'Starts a workflow with each new access or IO log row, by polling' },
			],
		},
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
