import { validateImeiOption } from '../../../shared/node-options';
import { imeiParameter, invalidInput } from '../../../shared/validation';
import type { CekSafeOperation } from '../../transport';
import { showFor } from '../../../shared/display';

export const check: CekSafeOperation = {
	concurrent: true,
	properties: showFor('imei', 'check', [
		{
			displayName: 'IMEI',
			name: 'imei',
			type: 'string',
			required: true,
			default: '',
			placeholder: '356938035643809',
			description: '15-digit IMEI. Spaces, dashes and dots are ignored.',
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
		},
	]),
	async run(item, ctx) {
		const imei = imeiParameter(this, item, 'IMEI', this.getNodeParameter('imei', item.index), validateImeiOption(this, item));
		const type = String(ctx.parameter('checkType', 'basic') ?? '').trim();
		if (type !== 'basic' && type !== 'total') throw invalidInput(this, item, 'Check Type', `must be "basic" or "total", got "${type}"`);
		// Not idempotent: every check is billed and written to the history, so it is never repeated after it may have reached the server.
		return ctx.cekSafe.post('/check', { imei, type });
	},
};
