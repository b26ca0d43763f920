/** CekSafe IMEI Check and Validate through real workflows against the simulator. */
import { cekSafeFixtures, verdictFor, withLuhn } from '../../../simulator/ceksafe';
import { cekSafeKeys } from '../../../simulator/demo-credentials';
import { harnessNodeTypes, runWorkflow } from '../../harness/run-workflow';
import { useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator();
const { cleanImei, cleanImei2, badLuhnImei, blacklistedImeis, stolenImeis, unknownTacImei } = cekSafeFixtures;

const checkNode = (parameters: Record<string, unknown> = {}, continueOnFail = false) =>
	chain({
		name: 'CekSafe',
		type: 'cekSafe',
		continueOnFail,
		parameters: { resource: 'imei', operation: 'check', imei: '={{ $json.imei }}', checkType: 'basic', ...parameters },
	});

describe('IMEI → Check', () => {
	test('a total check returns the API JSON untouched and lands in the history', async () => {
		const run = await runWorkflow(checkNode({ checkType: 'total' }), { credentials: handle.credentials(), input: [{ imei: cleanImei }] });
		expect(run.error).toBeUndefined();
		const [item] = run.output('CekSafe');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({
			success: true,
			data: {
				imei: cleanImei,
				status: 'clean',
				blacklist: false,
				valid_format: true,
				device: { tac: cleanImei.slice(0, 8), brand: 'Apple', model: 'iPhone 13 Pro', year: '2021' },
				risk_analysis: verdictFor(cleanImei).risk,
				certificate_url: expect.stringMatching(/^https:\/\/ceksafe\.com\/v\//),
				checked_at: expect.stringMatching(/Z$/),
			},
		});
		expect(handle.sim.ceksafe.history('growth').at(-1)).toMatchObject({ imei: cleanImei, type: 'total' });
	});

	test('a basic check of blacklisted and stolen devices reports their status', async () => {
		const input = [blacklistedImeis[0], stolenImeis[0], unknownTacImei].map((imei) => ({ imei }));
		const run = await runWorkflow(checkNode(), { credentials: handle.credentials(), input });
		const rows = run.json('CekSafe') as Array<{ data: { status: string; blacklist: boolean; risk_analysis?: unknown; device: { brand: string } } }>;
		expect(rows.map((row) => row.data.status)).toEqual(['blacklisted', 'stolen', 'clean']);
		expect(rows.map((row) => row.data.blacklist)).toEqual([true, true, false]);
		expect(rows[2].data.device.brand).toBe('Unknown');
		expect(rows.every((row) => row.data.risk_analysis === undefined)).toBe(true);
		expect(handle.sim.ceksafe.history('growth').slice(-3).map((row) => row.type)).toEqual(['basic', 'basic', 'basic']);
	});

	test('spaces, dashes and dots are stripped before sending', async () => {
		const formatted = `${cleanImei.slice(0, 2)}-${cleanImei.slice(2, 8)} ${cleanImei.slice(8, 14)}.${cleanImei[14]}`;
		const run = await runWorkflow(checkNode(), { credentials: handle.credentials(), input: [{ imei: formatted }] });
		expect(run.error).toBeUndefined();
		expect(run.json('CekSafe')[0]).toMatchObject({ data: { imei: cleanImei } });
	});

	test('a bad IMEI fails only its own item (continueOnFail) and nothing is sent for it', async () => {
		const input = [{ imei: cleanImei }, { imei: badLuhnImei }, { imei: 'ABC' }, { imei: cleanImei2 }];
		const run = await runWorkflow(checkNode({}, true), { credentials: handle.credentials(), input });
		expect(run.error).toBeUndefined();
		const output = run.output('CekSafe');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json).toMatchObject({ success: true, data: { imei: cleanImei } });
		expect(output[1].json.error).toMatch(/^IMEI: .*check digit/i);
		expect(output[1].json.description).toMatch(/Nothing was sent for item 1/);
		expect(output[2].json.error).toMatch(/^IMEI: "ABC" is not a valid IMEI: .*only digits/);
		expect(output[3].json).toMatchObject({ success: true, data: { imei: cleanImei2 } });
		expect(handle.sim.ceksafe.requests).toHaveLength(2);
		expect(handle.sim.ceksafe.history('growth').slice(-2).map((row) => row.imei).sort()).toEqual([cleanImei, cleanImei2].sort());
	});

	test('without continueOnFail a bad IMEI stops the run with the field and item named', async () => {
		const run = await runWorkflow(checkNode({ options: { concurrency: 1 } }), {
			credentials: handle.credentials(),
			input: [{ imei: cleanImei }, { imei: '12345' }, { imei: cleanImei2 }],
		});
		expect(run.error?.message).toBe('IMEI: "12345" is not a valid IMEI: IMEI must be 15 digits, got 5');
		expect(run.error?.context?.itemIndex).toBe(1);
		// Sequential: the first was sent, the failing one and everything after it were not.
		expect(handle.sim.ceksafe.requests).toHaveLength(1);
	});

	test('with "Validate IMEI" off the IMEI is sent as typed (stripped) and the vendor answers 400 with its message', async () => {
		const run = await runWorkflow(checkNode({ options: { validateImei: false } }, true), {
			credentials: handle.credentials(),
			input: [{ imei: badLuhnImei }, { imei: '3539 1211' }],
		});
		const [luhn, short] = run.json('CekSafe');
		expect(luhn).toMatchObject({ error: 'CekSafe: IMEI check digit is invalid (HTTP 400)', httpCode: '400', code: 'INVALID_IMEI' });
		expect(short).toMatchObject({ error: 'CekSafe: IMEI must be 15 digits (HTTP 400)', httpCode: '400', code: 'INVALID_IMEI' });
		expect(handle.sim.ceksafe.requests.map((entry) => entry.status)).toEqual([400, 400]);
	});

	test('a Check Type other than basic or total (from an expression) is refused locally', async () => {
		const run = await runWorkflow(checkNode({ checkType: '={{ $json.type }}' }, true), { credentials: handle.credentials(), input: [{ imei: cleanImei, type: 'full' }] });
		expect(run.json('CekSafe')[0]).toMatchObject({ error: 'Check Type: must be "basic" or "total", got "full"' });
		expect(handle.sim.ceksafe.requests).toHaveLength(0);
	});

	test('an empty IMEI is required even with validation off', async () => {
		const run = await runWorkflow(checkNode({ options: { validateImei: false } }), { credentials: handle.credentials(), input: [{ imei: ' ' }] });
		expect(run.error?.message).toBe('IMEI: is required');
		expect(handle.sim.ceksafe.requests).toHaveLength(0);
	});

	test('401: an unknown key fails with the vendor message and never shows the key', async () => {
		const credentials = handle.credentials();
		credentials.cekSafeApi = { ...credentials.cekSafeApi, apiKey: 'cs_wrong_secret_key_123' };
		const run = await runWorkflow(checkNode(), { credentials, input: [{ imei: cleanImei }] });
		expect(run.error?.message).toBe('CekSafe: Missing or invalid API key (HTTP 401)');
		expect(run.error?.httpCode).toBe('401');
		expect(run.error?.description).toMatch(/credential/);
		expect(JSON.stringify(run.run.data.resultData)).not.toContain('cs_wrong_secret_key_123');
	});

	test('403: a Starter key (no API access) fails with TIER_REQUIRED and the vendor message', async () => {
		const run = await runWorkflow(checkNode({}, true), { credentials: handle.credentials({ cekSafeKey: 'starter' }), input: [{ imei: cleanImei }] });
		expect(run.json('CekSafe')[0]).toMatchObject({
			error: 'CekSafe: API access requires the Growth tier or above (HTTP 403)',
			httpCode: '403',
			code: 'TIER_REQUIRED',
		});
		expect(JSON.stringify(run.run.data.resultData)).not.toContain(cekSafeKeys.starter.key);
		expect(handle.sim.ceksafe.history('starter')).toHaveLength(0);
	});

	test('"Include Rate Limit Info" adds the state after each call; off by default', async () => {
		handle.sim.config.ceksafe.rateLimit = { mode: 'plan', limit: 500, windowMs: 60_000 };
		try {
			const plain = await runWorkflow(checkNode(), { credentials: handle.credentials(), input: [{ imei: cleanImei }] });
			expect(plain.json('CekSafe')[0]).not.toHaveProperty('_rateLimit');
			const run = await runWorkflow(checkNode({ options: { includeRateLimit: true } }), {
				credentials: handle.credentials(),
				input: [{ imei: cleanImei }],
			});
			expect(run.json('CekSafe')[0]._rateLimit).toEqual({
				limit: cekSafeKeys.growth.perMinute,
				remaining: cekSafeKeys.growth.perMinute - 2,
				resetAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/),
			});
		} finally {
			handle.sim.config.ceksafe.rateLimit = { mode: 'off', limit: 500, windowMs: 60_000 };
		}
	});
});

describe('IMEI → Validate (offline)', () => {
	const validateNode = () =>
		chain({ name: 'Validate', type: 'cekSafe', credentials: {}, parameters: { resource: 'imei', operation: 'validate', imei: '={{ $json.imei }}' } });

	test('splits out TAC, serial and check digit, explains invalid ones, and sends nothing without a credential', async () => {
		const valid = withLuhn('35209900176148');
		const input = [
			{ imei: valid },
			{ imei: '35-209900-176148-1' },
			{ imei: `${valid.slice(0, 14)}${(Number(valid[14]) + 1) % 10}` },
			{ imei: '3520990017614' },
			{ imei: '35209900176148A' },
			{ imei: '' },
		];
		// No credential values at all: reading the credential would fail the item.
		const run = await runWorkflow(validateNode(), { credentials: {}, input });
		expect(run.error).toBeUndefined();
		const rows = run.json('Validate');
		expect(rows[0]).toEqual({
			imei: valid,
			valid: true,
			tac: '35209900',
			serial: '176148',
			checkDigit: valid[14],
			expectedCheckDigit: valid[14],
			input: valid,
		});
		expect(rows[1]).toMatchObject({ imei: '352099001761481', valid: true, tac: '35209900', serial: '176148', checkDigit: '1', input: '35-209900-176148-1' });
		expect(rows[2]).toMatchObject({ valid: false, reason: expect.stringMatching(/Check digit .* is wrong/), tac: '35209900', expectedCheckDigit: valid[14] });
		expect(rows[3]).toMatchObject({ valid: false, reason: 'IMEI must be 15 digits, got 13', tac: null, serial: null, checkDigit: null });
		expect(rows[4]).toMatchObject({ valid: false, reason: expect.stringMatching(/only digits/) });
		expect(rows[5]).toMatchObject({ valid: false, reason: 'IMEI is empty' });
		expect(run.output('Validate').map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
		expect(handle.sim.ceksafe.requests).toHaveLength(0);
	});

	test('the credential is not offered for Validate, but is for Check and History', () => {
		const type = harnessNodeTypes().getByNameAndVersion('n8n-nodes-device-access.cekSafe', 1);
		const [credential] = type.description.credentials ?? [];
		expect(credential.displayOptions).toEqual({ hide: { operation: ['validate'] } });
	});
});
