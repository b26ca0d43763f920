/** The offline IMEI rules every node shares: formatting stripped, 15 digits, Luhn check digit, TAC and serial. */
import { analyzeImei, luhnCheckDigit, normalizeImei } from '../../../nodes/shared/imei';
import { withLuhn as cekSafeLuhn } from '../../../simulator/ceksafe';
import { withLuhn as flexUnlockLuhn } from '../../../simulator/flexunlock';

describe('analyzeImei', () => {
	test.each([
		// [label, input, valid, reason]
		['valid (doc-style Apple TAC)', '353912110000014', true, undefined],
		['valid, GSMA example', '490154203237518', true, undefined],
		['valid with spaces', '35 391211 000001 4', true, undefined],
		['valid with dashes', '35-391211-000001-4', true, undefined],
		['valid with dots', '35.391211.000001.4', true, undefined],
		['valid with mixed formatting and padding', ' 35-391211 000001.4\t', true, undefined],
		['wrong check digit', '353912110000015', false, 'Check digit 5 is wrong: the first 14 digits call for 4'],
		['the doc example IMEI (fails Luhn)', '123456789012345', false, 'Check digit 5 is wrong: the first 14 digits call for 7'],
		['14 digits (no check digit)', '35391211000001', false, 'IMEI must be 15 digits, got 14'],
		['16 digits (IMEISV)', '3539121100000142', false, 'IMEI must be 15 digits, got 16'],
		['too short', '12345', false, 'IMEI must be 15 digits, got 5'],
		['letters', '35391211000001A', false, 'IMEI may contain only digits (spaces, dashes and dots are ignored)'],
		['other punctuation', '35/391211/000001/4', false, 'IMEI may contain only digits (spaces, dashes and dots are ignored)'],
		['empty', '', false, 'IMEI is empty'],
		['only formatting', ' - . ', false, 'IMEI is empty'],
	])('%s: %j', (_label, input, valid, reason) => {
		const result = analyzeImei(input);
		expect(result.valid).toBe(valid);
		expect(result.reason).toBe(reason);
		expect(result.input).toBe(input);
	});

	test('splits TAC, serial and check digit of a 15-digit IMEI, valid or not', () => {
		expect(analyzeImei('35-391211-000001-4')).toEqual({
			input: '35-391211-000001-4',
			imei: '353912110000014',
			valid: true,
			tac: '35391211',
			serial: '000001',
			checkDigit: '4',
			expectedCheckDigit: '4',
		});
		expect(analyzeImei('353912110000019')).toMatchObject({ valid: false, tac: '35391211', serial: '000001', checkDigit: '9', expectedCheckDigit: '4' });
		expect(analyzeImei('1234')).not.toHaveProperty('tac');
	});

	test('numbers, null and undefined are read as text', () => {
		expect(analyzeImei(353912110000014)).toMatchObject({ valid: true, imei: '353912110000014' });
		expect(analyzeImei(null)).toMatchObject({ valid: false, reason: 'IMEI is empty' });
		expect(analyzeImei(undefined)).toMatchObject({ valid: false, reason: 'IMEI is empty' });
	});

	test('normalizeImei strips only spaces, dashes and dots', () => {
		expect(normalizeImei(' 35-39.12 ')).toBe('353912');
		expect(normalizeImei('35/39')).toBe('35/39');
	});

	test("the check digit agrees with both simulators' Luhn (so a locally valid IMEI is never refused for its check digit)", () => {
		for (let n = 0; n < 500; n++) {
			const body = String(35_000_000_000_000 + n * 7_919_113).slice(0, 14);
			expect(body + luhnCheckDigit(body)).toBe(cekSafeLuhn(body));
			expect(body + luhnCheckDigit(body)).toBe(flexUnlockLuhn(body));
			expect(analyzeImei(cekSafeLuhn(body)).valid).toBe(true);
		}
	});
});
