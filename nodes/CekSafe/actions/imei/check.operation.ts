import { validateImeiOption } from '../../../shared/node-options';
import { imeiParameter, invalidInput } from '../../../shared/validation';
import { cekSafeApi, type CekSafeOperation } from '../../transport';
import { showFor } from '../../../shared/display';
import { imeiField } from '../../../shared/imei';

export const check: CekSafeOperation = {
	toolDescription:
		'Checks a mobile device\'s IMEI with CekSafe: whether it is blacklisted or reported stolen, and which device it is. Input: the IMEI, 15 digits (spaces, dashes and dots are ignored). Returns success and data: status (clean, blacklisted, stolen or suspicious), blacklist, and the device\'s brand, model and year. Each check is billed; an IMEI with a wrong length or check digit is refused with the reason before anything is sent, and is not billed.',
	concurrent: true,
	properties: showFor('imei', 'check', [
		imeiField('15-digit IMEI. Spaces, dashes and dots are ignored.', '356938035643809'),
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
	async run(item) {
		const imei = imeiParameter(this, item, 'IMEI', this.getNodeParameter('imei', item.index), validateImeiOption(this, item));
		const type = String(this.getNodeParameter('checkType', item.index, 'basic') ?? '').trim();
		if (type !== 'basic' && type !== 'total') throw invalidInput(this, item, 'Check Type', `must be "basic" or "total", got "${type}"`);
		// A pure check, but billed and written to the history: retried only where the server cannot
		// have processed it (502/503/504, refused, 429; the doc asks for backoff), never after it may have.
		return cekSafeApi(this, item).post('/check', { imei, type }, { check: true });
	},
};
