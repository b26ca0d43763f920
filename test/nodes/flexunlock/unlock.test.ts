/** FlexUnlock Unlock → Check Eligibility, Place Order, Get Order Status through real workflows. */
import { flexUnlockKeys } from '../../../simulator/demo-credentials';
import { flexUnlockFixtures, withLuhn } from '../../../simulator/flexunlock';
import { callLoadOptions } from '../../harness/load-options';
import { runWorkflow } from '../../harness/run-workflow';
import { eachDialect, useSimulator, type Dialect } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

// Orders move only through advanceOrder(), so each status is deterministic.
const handle = useSimulator({ flexunlock: { orderStepMs: 0 } });
const { eligibleImei, eligibleImei2, blacklistedImeis, failingImeis } = flexUnlockFixtures;

const node = (operation: string, parameters: Record<string, unknown> = {}, continueOnFail = false) =>
	chain({ name: 'FlexUnlock', type: 'flexUnlock', continueOnFail, parameters: { resource: 'unlock', operation, ...parameters } });

const check = (parameters: Record<string, unknown> = {}, continueOnFail = false) =>
	node('checkEligibility', { imei: '={{ $json.imei }}', carrier: '={{ $json.carrier }}', ...parameters }, continueOnFail);

const paths = () => handle.sim.flexunlock.requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`);

describe('Unlock → Check Eligibility', () => {
	test("returns the doc's answer shape untouched, one item per input, in order", async () => {
		const input = [
			{ imei: eligibleImei, carrier: 'T-Mobile' },
			{ imei: eligibleImei2, carrier: 'at&t' },
			{ imei: blacklistedImeis[0], carrier: 'Verizon' },
			{ imei: eligibleImei, carrier: 'Unknown Carrier' },
		];
		const run = await runWorkflow(check({ options: { concurrency: 4 } }), { credentials: handle.credentials(), input });
		expect(run.error).toBeUndefined();
		const output = run.output('FlexUnlock');
		expect(output.map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
		expect(output[0].json).toEqual({ status: 'success', eligible: true, price: 15.5, estimated_time: 'Instantly', supported_services: ['Activation', 'Active'] });
		expect(output[1].json).toEqual({ status: 'success', eligible: true, price: 25, estimated_time: '1-3 Days', supported_services: ['Activation', 'Active', 'Premium'] });
		expect(output[2].json).toMatchObject({ status: 'success', eligible: false, supported_services: [] });
		expect(output[3].json).toMatchObject({ eligible: false });
		expect(paths()).toEqual(Array(4).fill('POST /unlock/check 200'));
	});

	test('formatting characters are stripped; a bad IMEI fails only its own item and sends nothing', async () => {
		const formatted = `${eligibleImei.slice(0, 8)} ${eligibleImei.slice(8, 14)}-${eligibleImei[14]}`;
		const input = [
			{ imei: formatted, carrier: 'EE' },
			{ imei: withLuhn('35391211000009').slice(0, 14) + '0', carrier: 'EE' },
			{ imei: '35391211000001X', carrier: 'EE' },
			{ imei: eligibleImei, carrier: '' },
		];
		const run = await runWorkflow(check({}, true), { credentials: handle.credentials(), input });
		const rows = run.json('FlexUnlock');
		expect(rows[0]).toMatchObject({ status: 'success', eligible: true });
		expect(rows[1].error).toMatch(/^IMEI: ".*" is not a valid IMEI: Check digit \d is wrong/);
		expect(rows[2].error).toMatch(/^IMEI: .*only digits/);
		expect(rows[3].error).toBe('Carrier: is required');
		expect(paths()).toEqual(['POST /unlock/check 200']);
	});

	test('with "Validate IMEI" off a malformed IMEI reaches the API, which answers 400 with its message', async () => {
		const run = await runWorkflow(check({ options: { validateImei: false } }), {
			credentials: handle.credentials(),
			input: [{ imei: '1234-5678', carrier: 'EE' }],
		});
		expect(run.error?.message).toBe('FlexUnlock: Invalid IMEI number (HTTP 400)');
		expect(run.error?.httpCode).toBe('400');
		expect(run.error?.context?.itemIndex).toBe(0);
		expect(paths()).toEqual(['POST /unlock/check 400']);
	});

	test('401: an unknown key fails with the vendor message; the key appears nowhere', async () => {
		const credentials = handle.credentials();
		credentials.flexUnlockApi = { ...credentials.flexUnlockApi, apiKey: 'fu_secret_but_wrong_987' };
		const run = await runWorkflow(check({}, true), { credentials, input: [{ imei: eligibleImei, carrier: 'EE' }] });
		expect(run.json('FlexUnlock')[0]).toMatchObject({ error: 'FlexUnlock: Invalid API key (HTTP 401)', httpCode: '401' });
		expect(JSON.stringify(run.run.data.resultData)).not.toContain('fu_secret_but_wrong_987');
	});
});

/** Ids of every order now, to tell the ones a test places. */
const orderIds = () => new Set(handle.sim.flexunlock.orders.keys());
/** Ids of the orders placed since `known`, in the order they were placed. */
const placedSince = (known: Set<string>) => [...handle.sim.flexunlock.orders.keys()].filter((id) => !known.has(id));

/** The order status exactly as the API answers it in `dialect` (a read: it changes nothing). */
async function statusAnswer(orderId: string, dialect: Dialect, key: keyof typeof flexUnlockKeys): Promise<unknown> {
	const res = await fetch(`${handle.sim.urls.flexunlock}/unlock/status`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${flexUnlockKeys[key].key}`, 'content-type': 'application/json', 'X-Sim-Dialect': dialect },
		body: JSON.stringify({ order_id: orderId }),
	});
	return res.json();
}

/** What Get Order Status guarantees in every dialect: the answer as given, read as an order (no `warnings`). */
async function expectAsAnswered(output: unknown, orderId: string, dialect: Dialect, key: keyof typeof flexUnlockKeys = 'bigSeller'): Promise<void> {
	expect(output).not.toHaveProperty('warnings');
	expect(output).toEqual(await statusAnswer(orderId, dialect, key));
}

// Order answers are inferred shapes (b: `{ status, order: { id, status, … } }`; minimal: no envelope, only
// order_id, order_status, unlock_code): every dialect. Raw shapes are checked in dialect a.
eachDialect(handle, (dialect) => {
	describe('Unlock → Place Order and Get Order Status', () => {
		test('places an order with a supported service, then follows it to completed with its unlock code', async () => {
			const known = orderIds();
			const order = await runWorkflow(node('placeOrder', { imei: eligibleImei, carrier: 'AT&T', service: 'Premium' }), { credentials: handle.credentials() });
			expect(order.error).toBeUndefined();
			const [placed] = order.json('FlexUnlock');
			if (dialect === 'a') expect(placed).toEqual({ status: 'success', order_id: expect.stringMatching(/^ord_\d+$/), order_status: 'created' });
			const orderId = dialect === 'a' ? (placed.order_id as string) : placedSince(known)[0];
			expect(JSON.stringify(placed)).toContain(orderId);
			expect(handle.sim.flexunlock.orders.get(orderId)).toMatchObject({ imei: eligibleImei, carrier: 'AT&T', service: 'Premium', account: 'bigSeller', status: 'created' });

			const status = () => runWorkflow(node('getOrderStatus', { orderId: '={{ $json.orderId }}' }), { credentials: handle.credentials(), input: [{ orderId }] });
			const created = (await status()).json('FlexUnlock')[0];
			if (dialect === 'a') expect(created).toMatchObject({ status: 'success', order_id: orderId, order_status: 'created' });
			await expectAsAnswered(created, orderId, dialect);
			handle.sim.flexunlock.advanceOrder(orderId);
			const processing = (await status()).json('FlexUnlock')[0];
			if (dialect === 'a') expect(processing).toMatchObject({ order_status: 'processing' });
			await expectAsAnswered(processing, orderId, dialect);
			handle.sim.flexunlock.advanceOrder(orderId);
			const done = (await status()).json('FlexUnlock')[0];
			if (dialect === 'a') {
				expect(done).toMatchObject({ order_status: 'completed', unlock_code: expect.stringMatching(/^\d{16}$/), imei: eligibleImei, service: 'Premium' });
				expect(done.completed_at).toEqual(expect.any(String));
			}
			await expectAsAnswered(done, orderId, dialect);
			expect(JSON.stringify(done)).toContain(handle.sim.flexunlock.orders.get(orderId)!.unlockCode!);
		});

		test('Additional Fields: Email is sent as `Email`; extra JSON fields go in the body', async () => {
			const known = orderIds();
			const run = await runWorkflow(
				node('placeOrder', {
					imei: failingImeis[0],
					carrier: 'Verizon',
					service: 'Activation',
					additionalFields: { email: 'demo@flexunlock.com', extraFields: '{"reference": "A-17"}' },
				}),
				{ credentials: handle.credentials() },
			);
			const orderId = dialect === 'a' ? (run.json('FlexUnlock')[0].order_id as string) : placedSince(known)[0];
			handle.sim.flexunlock.advanceOrder(orderId);
			handle.sim.flexunlock.advanceOrder(orderId);
			expect(handle.sim.flexunlock.orders.get(orderId)).toMatchObject({ email: 'demo@flexunlock.com', status: 'failed' });
			const status = await runWorkflow(node('getOrderStatus', { orderId }), { credentials: handle.credentials() });
			if (dialect === 'a') expect(status.json('FlexUnlock')[0]).toMatchObject({ order_status: 'failed', Email: 'demo@flexunlock.com', failure_reason: expect.any(String) });
			await expectAsAnswered(status.json('FlexUnlock')[0], orderId, dialect);
		});

		test('Extra Body Fields (JSON) may not set a key the order fields send: refused locally, no order placed', async () => {
			const run = await runWorkflow(
				node('placeOrder', { imei: eligibleImei, carrier: 'Verizon', service: 'Activation', additionalFields: { extraFields: '={{ $json.extra }}' } }, true),
				{ credentials: handle.credentials(), input: [{ extra: '{"service": "Premium"}' }, { extra: '{"imei": "353912110000014"}' }] },
			);
			expect(run.json('FlexUnlock').map((row) => row.error)).toEqual([
				'Extra Body Fields (JSON): must not set "service": use the node\'s field "Service" instead',
				'Extra Body Fields (JSON): must not set "imei": use the node\'s field "IMEI" instead',
			]);
			expect(handle.sim.flexunlock.requests).toHaveLength(0);
		});

		test('an unsupported service is refused by the API with its message listing the supported ones', async () => {
			const run = await runWorkflow(node('placeOrder', { imei: eligibleImei, carrier: 'Verizon', service: 'Premium' }, true), { credentials: handle.credentials() });
			expect(run.json('FlexUnlock')[0]).toMatchObject({
				error: 'FlexUnlock: Unsupported service for this device. Supported services: Activation (HTTP 400)',
				httpCode: '400',
			});
			expect([...handle.sim.flexunlock.orders.values()].filter((order) => order.account === 'bigSeller')).toHaveLength(1); // the seeded one
		});

		test('a bad IMEI or a missing service sends no order', async () => {
			const run = await runWorkflow(
				node('placeOrder', { imei: '={{ $json.imei }}', carrier: 'EE', service: '={{ $json.service }}' }, true),
				{ credentials: handle.credentials(), input: [{ imei: '123', service: 'Activation' }, { imei: eligibleImei, service: '' }] },
			);
			expect(run.json('FlexUnlock').map((row) => row.error)).toEqual([expect.stringMatching(/^IMEI: /), 'Service: is required']);
			expect(handle.sim.flexunlock.requests).toHaveLength(0);
		});

		test('orders of several items are placed one after another, in input order', async () => {
			const known = orderIds();
			const input = [eligibleImei, eligibleImei2, failingImeis[1]].map((imei) => ({ imei }));
			const run = await runWorkflow(node('placeOrder', { imei: '={{ $json.imei }}', carrier: 'Vodafone', service: 'Active', options: { concurrency: 10 } }), {
				credentials: handle.credentials(),
				input,
			});
			const ids = dialect === 'a' ? run.json('FlexUnlock').map((row) => row.order_id as string) : placedSince(known);
			expect(run.json('FlexUnlock')).toHaveLength(input.length);
			expect(ids.map((id) => handle.sim.flexunlock.orders.get(id)?.imei)).toEqual(input.map((row) => row.imei));
			expect(ids.map((id) => Number(id.slice(4)))).toEqual([...ids.map((id) => Number(id.slice(4)))].sort((a, b) => a - b));
		});

		test("Get Order Status: the seeded order of this key, and 404 with the vendor's message for another key's order", async () => {
			const own = await runWorkflow(node('getOrderStatus', { orderId: 'ord_100006' }), { credentials: handle.credentials() });
			if (dialect === 'a') expect(own.json('FlexUnlock')[0]).toMatchObject({ order_id: 'ord_100006', order_status: 'completed', carrier: 'Telstra' });
			await expectAsAnswered(own.json('FlexUnlock')[0], 'ord_100006', dialect);
			const other = await runWorkflow(node('getOrderStatus', { orderId: 'ord_100001' }, true), { credentials: handle.credentials() });
			expect(other.json('FlexUnlock')[0]).toMatchObject({ error: 'FlexUnlock: Order not found (HTTP 404)', httpCode: '404' });
			const reseller = await runWorkflow(node('getOrderStatus', { orderId: 'ord_100001' }), { credentials: handle.credentials({ flexUnlockKey: 'reseller' }) });
			if (dialect === 'a') expect(reseller.json('FlexUnlock')[0]).toMatchObject({ order_status: 'completed', Email: 'demo@flexunlock.com' });
			await expectAsAnswered(reseller.json('FlexUnlock')[0], 'ord_100001', dialect, 'reseller');
			const empty = await runWorkflow(node('getOrderStatus', { orderId: '  ' }), { credentials: handle.credentials() });
			expect(empty.error?.message).toBe('Order ID: is required');
		});
	});
});

describe('Place Order → Service list (loadOptions)', () => {
	const load = (parameters: Record<string, unknown>) =>
		callLoadOptions('getServices', {
			nodeType: 'flexUnlock',
			credentialType: 'flexUnlockApi',
			credentials: handle.credentials(),
			parameters: { resource: 'unlock', operation: 'placeOrder', ...parameters },
			path: 'parameters.service',
		});

	test("lists the check's supported services for a typed IMEI and carrier", async () => {
		expect(await load({ imei: ` ${eligibleImei} `, carrier: 'AT&T' })).toEqual([
			{ name: 'Activation', value: 'Activation' },
			{ name: 'Active', value: 'Active' },
			{ name: 'Premium', value: 'Premium' },
		]);
		expect(paths()).toEqual(['POST /unlock/check 200']);
	});

	test('explains instead of calling the API when IMEI or carrier is an expression, missing or invalid, or the device is not eligible', async () => {
		await expect(load({ imei: '={{ $json.imei }}', carrier: 'EE' })).rejects.toThrow(/expression/);
		await expect(load({ imei: eligibleImei, carrier: '' })).rejects.toThrow(/Enter the IMEI and the carrier first/);
		await expect(load({ imei: '123', carrier: 'EE' })).rejects.toThrow(/IMEI must be 15 digits/);
		expect(handle.sim.flexunlock.requests).toHaveLength(0);
		await expect(load({ imei: blacklistedImeis[1], carrier: 'EE' })).rejects.toThrow(/not eligible/);
	});

	test('the key is never part of a loadOptions error', async () => {
		const credentials = handle.credentials();
		credentials.flexUnlockApi = { ...credentials.flexUnlockApi, apiKey: 'fu_wrong_key_in_editor' };
		const error = await callLoadOptions('getServices', {
			nodeType: 'flexUnlock',
			credentialType: 'flexUnlockApi',
			credentials,
			parameters: { resource: 'unlock', operation: 'placeOrder', imei: eligibleImei, carrier: 'EE' },
		}).catch((caught: Error) => caught);
		expect((error as Error).message).toBe('FlexUnlock: Invalid API key (HTTP 401)');
		expect(JSON.stringify(error)).not.toContain('fu_wrong_key_in_editor');
	});
});
