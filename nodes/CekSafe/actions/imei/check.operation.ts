import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { itemParameter, validateImeiOption } from '../../../shared/node-options';
import { apiRequest } from '../../../shared/transport';
import { imeiParameter, invalidInput } from '../../../shared/validation';
import { cekSafe } from '../../transport';

const show = { resource: ['imei'], operation: ['check'] };

export const check: Operation = {
	concurrent: true,
	properties: [
		{
			displayName: 'IMEI',
			name: 'imei',
			type: 'string',
			required: true,
			default: '',
			placeholder: '356938035643809',
			description: '15-digit IMEI. Spaces, dashes and dots are ignored.',
			displayOptions: { show },
		},
		{
			displayName: 'Check Type',
			name: 'checkType',
			type: 'options',
			default: 'basic',
			options: [
				{ name: 'Basic', value: 'basic', description: 'Status and blacklist flag' },
				{ name: 'Total', value: 'total', description: 'Adds device details, risk analysis and a certificate' },
			],
			displayOptions: { show },
		},
	] as INodeProperties[],
	async run(item) {
		const imei = imeiParameter(this, item, 'IMEI', this.getNodeParameter('imei', item.index), validateImeiOption(this, item.index));
		const type = String(itemParameter(this, 'checkType', item.index, 'basic') ?? '').trim();
		if (type !== 'basic' && type !== 'total') throw invalidInput(this, item, 'Check Type', `must be "basic" or "total", got "${type}"`);
		// A pure check, but billed and written to the history: retried only where the server cannot
		// have processed it (502/503/504, refused, 429; the doc asks for backoff), never after it may have.
		return apiRequest.call(this, cekSafe, { method: 'POST', path: '/check', body: { imei, type }, check: true }, item) as Promise<IDataObject>;
	},
};
