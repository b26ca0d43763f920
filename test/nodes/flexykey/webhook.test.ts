/** FlexyKey → Webhook: Get Events, Get Many, Create or Update, Delete, Send Test, and the events dropdown. */
import { createHmac } from 'node:crypto';
import { startReceiver, type Receiver } from '../../simulator/flexykey-helpers';
import { eachDialect } from '../../harness/simulator';
import { NODE, UNIT_PLAIN, UNIT_WEXP, X33_SERIAL, UNIT_X33, pairedWith, unitRef, useFlexyKeyNode } from './helpers';

const fk = useFlexyKeyNode();
const EVENT = 'control.statusChanged';

let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(async () => {
	await receiver.close();
});
beforeEach(() => {
	receiver.calls.length = 0;
	receiver.respondWith = 200;
});

const upsert = (parameters: Record<string, unknown> = {}) => ({
	resource: 'webhook',
	operation: 'upsert',
	unit: unitRef(UNIT_PLAIN),
	event: EVENT,
	callbackUrl: receiver.url,
	httpMethod: 'POST',
	isActive: true,
	additionalFields: {},
	...parameters,
});

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(fk.handle, (dialect) => {
	describe('Webhook → Get Events', () => {
		test('one item per supported event', async () => {
			const run = await fk.run({ resource: 'webhook', operation: 'getEvents' });
			expect(run.json(NODE)).toEqual([{ event: EVENT }]);
		});
	});

	describe('Webhook → Create or Update', () => {
		test('creates the configuration; secret and API key are stored, not echoed', async () => {
			const run = await fk.run(upsert({ httpMethod: 'PUT', additionalFields: { secret: 's3cret-value', apiKey: 'key-123' } }));
			expect(run.error).toBeUndefined();
			const [created] = run.json(NODE);
			if (dialect === 'a') expect(created).toMatchObject({ unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url, httpMethod: 'PUT', hasSecret: true, hasApiKey: true, isActive: 1 });
			// In every dialect: the configuration read from the answer (b wraps it under `webhook`; minimal has no hasSecret/hasApiKey).
			expect(created).toMatchObject({ unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url, httpMethod: 'PUT', isActive: 1 });
			expect(Object.values(created)).toContain(fk.handle.sim.flexykey.webhookConfigs(UNIT_PLAIN)[0].webhookId);
			expect(fk.handle.sim.flexykey.webhookConfigs(UNIT_PLAIN)).toEqual([expect.objectContaining({ secret: 's3cret-value', apiKey: 'key-123', httpMethod: 'PUT', isActive: 1 })]);
			expect(JSON.stringify(created)).not.toContain('s3cret-value');
			if (dialect === 'a') {
				expect(fk.handle.sim.flexykey.webhookConfigs(UNIT_PLAIN)).toEqual([
					expect.objectContaining({ webhookId: created.webhookId, secret: 's3cret-value', apiKey: 'key-123', httpMethod: 'PUT', isActive: 1 }),
				]);
			}
		});

		test('a second call updates the same configuration (upsert), e.g. to pause it', async () => {
			const first = (await fk.run(upsert())).json(NODE)[0];
			const run = await fk.run(upsert({ callbackUrl: `${receiver.url}/v2`, isActive: false }));
			if (dialect === 'a') expect(run.json(NODE)[0]).toMatchObject({ webhookId: first.webhookId, callbackUrl: `${receiver.url}/v2`, isActive: 0 });
			expect(run.json(NODE)[0]).toMatchObject({ callbackUrl: `${receiver.url}/v2`, isActive: 0 });
			expect(fk.handle.sim.flexykey.webhookConfigs(UNIT_PLAIN)).toHaveLength(1);
			expect(fk.handle.sim.flexykey.webhookConfigs(UNIT_PLAIN)[0]).toMatchObject({ callbackUrl: `${receiver.url}/v2`, isActive: 0, secret: null });
		});

		test('by serial number: the unit ID is looked up (webhooks take only unitId)', async () => {
			const run = await fk.run(upsert({ unit: unitRef(X33_SERIAL, 'serialNumber') }));
			expect(run.json(NODE)[0]).toMatchObject({ unitId: UNIT_X33 });
			expect(fk.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /Units', 'PUT /Webhooks']);
		});

		test('an active webhook is called, signed, when an output changes', async () => {
			await fk.run(upsert({ additionalFields: { secret: 'sign-me' } }));
			await fk.run({ resource: 'control', operation: 'setOutput', unit: unitRef(UNIT_PLAIN), outputNumber: 'F1', outputAction: 'ON' });
			await fk.handle.sim.flexykey.flush();
			expect(receiver.calls).toHaveLength(1);
			const call = receiver.calls[0];
			expect(call.headers['x-event']).toBe(EVENT);
			// the HMAC of the body; dialect b writes it with a `sha256=` prefix
			expect(call.headers['x-signature']).toBe(`${dialect === 'b' ? 'sha256=' : ''}${createHmac('sha256', 'sign-me').update(call.body).digest('hex')}`);
		});

		test.each([
			['ftp://example.com/hook', /^Callback URL: "ftp:\/\/example.com\/hook" is not an absolute http:\/\/ or https:\/\/ URL/],
			['/relative/hook', /^Callback URL: "\/relative\/hook" is not an absolute/],
			['example.com/hook', /^Callback URL: "example.com\/hook" is not an absolute/],
			['', /^Callback URL: is required/],
		])('callback URL %p is refused locally, nothing sent', async (url, message) => {
			const run = await fk.run(upsert({ callbackUrl: '={{ $json.url }}' }), { input: [{ url }] });
			expect(run.error?.message).toMatch(message);
			expect(fk.requests()).toHaveLength(0);
		});

		test('an HTTP method other than POST, PUT or PATCH is refused locally', async () => {
			const run = await fk.run(upsert({ httpMethod: '={{ "GET" }}' }));
			expect(run.error?.message).toBe('HTTP Method: "GET" is not POST, PUT or PATCH');
			expect(fk.requests()).toHaveLength(0);
		});

		test('an empty event is refused locally', async () => {
			const run = await fk.run(upsert({ event: '={{ $json.event }}' }), { input: [{ event: '' }] });
			expect(run.error?.message).toMatch(/^Event: is required/);
			expect(fk.requests()).toHaveLength(0);
		});
	});

	describe('Webhook → Get Many', () => {
		test('the unit\'s configurations, one item each, filtered by event when asked', async () => {
			await fk.run(upsert());
			await fk.run(upsert({ unit: unitRef(UNIT_WEXP) }));
			const run = await fk.run({ resource: 'webhook', operation: 'getMany', unit: unitRef(UNIT_PLAIN), filters: { event: EVENT } });
			if (dialect === 'a') expect(run.json(NODE)).toEqual([expect.objectContaining({ unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url, hasSecret: false })]);
			expect(run.json(NODE)).toEqual([expect.objectContaining({ unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url })]);
			expect(pairedWith(run)).toEqual([0]);
			expect(fk.requests('/Webhooks', 'GET').at(-1)?.query).toBe(`unitId=${UNIT_PLAIN}&event=control.statusChanged`);
			const none = await fk.run({ resource: 'webhook', operation: 'getMany', unit: unitRef(UNIT_X33) });
			expect(none.json(NODE)).toEqual([]);
		});
	});

	describe('Webhook → Send Test', () => {
		test('the API calls the URL once, marked as a test, and reports the outcome', async () => {
			await fk.run(upsert({ additionalFields: { apiKey: 'key-123' } }));
			const run = await fk.run({ resource: 'webhook', operation: 'sendTest', unit: unitRef(UNIT_PLAIN), event: EVENT });
			if (dialect === 'a') {
				expect(run.json(NODE)).toEqual([
					{ status: 'OK', unitId: UNIT_PLAIN, event: EVENT, callbackUrl: receiver.url, httpMethod: 'POST', success: true, responseStatusCode: 200, error: null },
				]);
			}
			expect(receiver.calls).toHaveLength(1);
			expect(receiver.calls[0].headers).toMatchObject({ 'x-webhook-test': '1', 'x-api-key': 'key-123' });
		});

		test('a receiver that fails is reported as the API reports it', async () => {
			await fk.run(upsert());
			receiver.respondWith = 500;
			const run = await fk.run({ resource: 'webhook', operation: 'sendTest', unit: unitRef(UNIT_PLAIN), event: EVENT });
			if (dialect === 'a') expect(run.json(NODE)[0]).toMatchObject({ status: 'Failed', success: false, responseStatusCode: 500 });
		});

		test('without a configuration: the API\'s 404 comes through', async () => {
			const run = await fk.run({ resource: 'webhook', operation: 'sendTest', unit: unitRef(UNIT_PLAIN), event: EVENT });
			expect(run.error?.message).toBe(`FlexyKey: No webhook configured for unit ${UNIT_PLAIN} and event ${EVENT} (HTTP 404)`);
			expect(receiver.calls).toHaveLength(0);
		});
	});

	describe('Webhook → Delete', () => {
		test('deletes the configuration (204) and says what was deleted', async () => {
			await fk.run(upsert());
			const run = await fk.run({ resource: 'webhook', operation: 'delete', unit: unitRef(UNIT_PLAIN), event: EVENT });
			expect(run.json(NODE)).toEqual([{ deleted: true, unitId: UNIT_PLAIN, event: EVENT }]);
			expect(fk.handle.sim.flexykey.webhookConfigs(UNIT_PLAIN)).toEqual([]);
			expect(fk.requests('/Webhooks', 'DELETE')[0]).toMatchObject({ query: `unitId=${UNIT_PLAIN}&event=control.statusChanged`, status: 204 });
		});

		test('deleting what is not there: 404 with the API\'s message', async () => {
			const run = await fk.run({ resource: 'webhook', operation: 'delete', unit: unitRef(UNIT_PLAIN), event: EVENT }, { continueOnFail: true });
			expect(run.json(NODE)).toEqual([expect.objectContaining({ error: expect.stringContaining('No webhook configured'), httpCode: '404' })]);
		});
	});
});

eachDialect(fk.handle, () => {
	describe('getWebhookEvents (loadOptions, real LoadOptionsContext)', () => {
		test('the supported events', async () => {
			expect(await fk.loadOptions('getWebhookEvents')).toEqual([{ name: EVENT, value: EVENT }]);
			expect(fk.requests()).toEqual([expect.objectContaining({ path: '/Webhooks/Events', status: 200 })]);
		});
	});
});
