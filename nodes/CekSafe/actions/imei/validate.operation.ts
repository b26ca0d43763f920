import type { IDataObject } from 'n8n-workflow';
import { analyzeImei, imeiField } from '../../../shared/imei';
import type { CekSafeOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/**
 * Offline: no request and no credential read. 15 digits with a valid Luhn check digit, the TAC
 * (first 8 digits), serial (next 6) and check digit split out, and a reason when invalid. An
 * invalid IMEI is a result here (`valid: false`), not a failed item.
 */
export const validate: CekSafeOperation = {
	concurrent: true,
	properties: showFor('imei', 'validate', [
		imeiField('The IMEI to check locally. Spaces, dashes and dots are ignored.', '353912110000014'),
	]),
	async run(item) {
		const analysis = analyzeImei(this.getNodeParameter('imei', item.index, ''));
		const json: IDataObject = { imei: analysis.imei, valid: analysis.valid };
		if (analysis.reason !== undefined) json.reason = analysis.reason;
		json.tac = analysis.tac ?? null;
		json.serial = analysis.serial ?? null;
		json.checkDigit = analysis.checkDigit ?? null;
		json.expectedCheckDigit = analysis.expectedCheckDigit ?? null;
		json.input = analysis.input;
		return json;
	},
};
