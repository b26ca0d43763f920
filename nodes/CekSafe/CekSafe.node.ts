import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { describeResources, requestOptionsProperty, routeOperation } from '../shared/node-options';
import { resources } from './actions';

export class CekSafe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CekSafe',
		name: 'cekSafe',
		icon: { light: 'file:../../icons/ceksafe.svg', dark: 'file:../../icons/ceksafe.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Verify IMEIs (blacklist, device, risk) and read the check history with CekSafe',
		defaults: { name: 'CekSafe' },
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/ceksafe.md',
		builderHint: {
			searchHint:
				'Use to verify a mobile device\'s IMEI with CekSafe: blacklist (stolen or lost), device and risk checks, a free offline format check (Luhn), and the account\'s check history. Pick it over HTTP Request for this API: it authenticates with the CekSafe credential, validates the IMEI before a billed check is sent, and paces bulk checks to the rate limit.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-device-access.flexUnlock', relationHint: 'Checks unlock eligibility and orders an unlock for devices CekSafe found clean' },
				{ nodeType: 'n8n-nodes-device-access.cekSafeHistoryTrigger', relationHint: 'Starts a workflow with each new IMEI check of the account' },
			],
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Validate runs offline: no credential to pick for it.
		credentials: [{ name: 'cekSafeApi', required: true, displayOptions: { hide: { operation: ['validate'] } } }],
		properties: [
			...describeResources(resources),
			requestOptionsProperty({ imeiValidation: true }),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return routeOperation(this, resources);
	}
}
