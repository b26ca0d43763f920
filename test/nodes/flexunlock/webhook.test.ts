/** FlexUnlock Webhook → Create, Get Many, Delete through real workflows against the simulator. */
import { callListSearch } from '../../harness/load-options';
import { runWorkflow } from '../../harness/run-workflow';
import { eachDialect, useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator({ flexunlock: { orderStepMs: 0 } });

const SECRET = 'my-webhook-secret-5b1f';

const node = (operation: string, parameters: Record<string, unknown> = {}, continueOnFail = false) =>
	chain({ name: 'Webhook', type: 'flexUnlock', continueOnFail, parameters: { resource: 'webhook', operation, ...parameters } });

const create = (url: string, events: string[] = ['unlock.completed', 'unlock.failed']) =>
	runWorkflow(node('create', { url, events, secret: SECRET }), { credentials: handle.credentials() });

/** The id of the webhook the simulator registered last (what Create registered, in any dialect). */
const newestWebhookId = () => [...handle.sim.flexunlock.webhooks.keys()].at(-1)!;

// The webhook answers are inferred shapes (b: `{ status, webhook: { webhook_id, … } }` and a `data` list of
// `webhook_id` rows; minimal: `{ id }` and rows without `created_at`): every dialect. The answer is output as
// given, so its raw shape is checked in dialect a; what the node guarantees is checked in each.
eachDialect(handle, (dialect) => {
	/** The ID of the webhook a Create run registered: read from the output in dialect a (as before), else from the simulator. */
	const createdId = (run: Awaited<ReturnType<typeof create>>) => (dialect === 'a' ? (run.json('Webhook')[0].id as string) : newestWebhookId());

	describe('Webhook → Create', () => {
		test('registers url, events and secret; the answer (without the secret) is the output', async () => {
			const run = await create('https://example.com/hooks/flexunlock', ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed']);
			expect(run.error).toBeUndefined();
			const [row] = run.json('Webhook');
			if (dialect === 'a') {
				expect(row).toEqual({
					id: expect.stringMatching(/^wh_/),
					url: 'https://example.com/hooks/flexunlock',
					events: ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed'],
					created_at: expect.any(String),
				});
			}
			expect(run.json('Webhook')).toHaveLength(1);
			expect(JSON.stringify(row)).toContain(newestWebhookId());
			expect(handle.sim.flexunlock.webhooks.size).toBe(1);
			expect(handle.sim.flexunlock.webhooks.get(createdId(run))).toMatchObject({ secret: SECRET, account: 'bigSeller', url: 'https://example.com/hooks/flexunlock' });
			expect(JSON.stringify(run.run.data.resultData)).not.toContain(SECRET);
		});

		test.each([
			['ftp://example.com/hook', 'URL: "ftp://example.com/hook" is not an absolute http(s) URL, e.g. https://example.com/webhook'],
			['/relative/path', 'URL: "/relative/path" is not an absolute http(s) URL, e.g. https://example.com/webhook'],
			['', 'URL: is required'],
		])('URL %j is refused locally', async (url, message) => {
			const run = await runWorkflow(node('create', { url: '={{ $json.url }}', events: ['unlock.completed'], secret: SECRET }, true), {
				credentials: handle.credentials(),
				input: [{ url }],
			});
			expect(run.json('Webhook')).toEqual([expect.objectContaining({ error: message })]);
			expect(handle.sim.flexunlock.requests).toHaveLength(0);
		});

		test('no events, unknown events or an empty secret are refused locally; the secret is never echoed', async () => {
			const run = await runWorkflow(
				node('create', { url: 'https://example.com/h', events: '={{ $json.events }}', secret: '={{ $json.secret }}' }, true),
				{
					credentials: handle.credentials(),
					input: [
						{ events: [], secret: SECRET },
						{ events: ['unlock.completed', 'order.shipped'], secret: SECRET },
						{ events: ['unlock.completed'], secret: '' },
					],
				},
			);
			expect(run.json('Webhook').map((row) => row.error)).toEqual([
				'Events: choose at least one event',
				'Events: unknown event order.shipped; use unlock.completed, unlock.created, unlock.failed, unlock.processing',
				'Secret: is required (it signs every delivery)',
			]);
			expect(handle.sim.flexunlock.requests).toHaveLength(0);
			expect(JSON.stringify(run.output('Webhook'))).not.toContain(SECRET);
		});

		test('Extra Body Fields (JSON): unknown keys are sent; a key a node field sends, invalid JSON or a non-object fails its own item, nothing sent for it', async () => {
			const run = await runWorkflow(
				node('create', { url: 'https://example.com/extra', events: ['unlock.completed'], secret: SECRET, additionalFields: { extraFields: '={{ $json.extra }}' } }, true),
				{
					credentials: handle.credentials(),
					input: [{ extra: '{"secret": "other"}' }, { extra: '{"url": "https://elsewhere.example"}' }, { extra: '{nope' }, { extra: '"text"' }, { extra: '{"label": "shop"}' }],
				},
			);
			const rows = run.json('Webhook');
			expect(rows.slice(0, 4).map((row) => row.error)).toEqual([
				'Extra Body Fields (JSON): must not set "secret": use the node\'s field "Secret" instead',
				'Extra Body Fields (JSON): must not set "url": use the node\'s field "URL" instead',
				'Extra Body Fields (JSON): is not valid JSON',
				'Extra Body Fields (JSON): must be a JSON object, e.g. {"reference": "A-17"}',
			]);
			expect(run.output('Webhook').map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((index) => ({ item: index })));
			expect(rows[4]).not.toHaveProperty('error');
			expect(handle.sim.flexunlock.requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /webhooks']);
			expect(handle.sim.flexunlock.webhooks.get(newestWebhookId())).toMatchObject({ secret: SECRET, url: 'https://example.com/extra', events: ['unlock.completed'] });
		});

		test('deliveries for an order are signed with the secret', async () => {
			// An end-to-end look at what Create registered: the simulator signs each delivery with it.
			const run = await create('http://127.0.0.1:9/unreachable', ['unlock.created']);
			expect(run.error).toBeUndefined();
			await runWorkflow(
				chain({ name: 'Order', type: 'flexUnlock', parameters: { resource: 'unlock', operation: 'placeOrder', imei: '353912110000014', carrier: 'EE', service: 'Active' } }),
				{ credentials: handle.credentials() },
			);
			await handle.sim.flexunlock.flush();
			const [delivery] = handle.sim.webhooks.deliveries;
			const { createHmac } = await import('node:crypto');
			expect(delivery.headers['X-FlexUnlock-Signature']).toBe(createHmac('sha256', SECRET).update(delivery.body).digest('hex'));
		});
	});

	describe('Webhook → Get Many and Delete', () => {
		test('one item per webhook of this key, with Limit', async () => {
			await create('https://a.example.com/1');
			await create('https://b.example.com/2', ['unlock.created']);
			await runWorkflow(node('create', { url: 'https://other.example.com', events: ['unlock.failed'], secret: SECRET }), {
				credentials: handle.credentials({ flexUnlockKey: 'reseller' }),
			});
			const run = await runWorkflow(node('getMany', { returnAll: true }), { credentials: handle.credentials() });
			expect(run.json('Webhook').map((row) => row.url)).toEqual(['https://a.example.com/1', 'https://b.example.com/2']);
			if (dialect === 'a') expect(run.json('Webhook')[1]).toEqual({ id: expect.stringMatching(/^wh_/), url: 'https://b.example.com/2', events: ['unlock.created'], created_at: expect.any(String) });
			expect(run.json('Webhook')[1]).toMatchObject({ events: ['unlock.created'] });
			expect(run.output('Webhook').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
			const limited = await runWorkflow(node('getMany', { returnAll: false, limit: 1 }), { credentials: handle.credentials() });
			expect(limited.json('Webhook').map((row) => row.url)).toEqual(['https://a.example.com/1']);
		});

		test('no webhooks, no items', async () => {
			const run = await runWorkflow(node('getMany', { returnAll: true }), { credentials: handle.credentials() });
			expect(run.error).toBeUndefined();
			expect(run.json('Webhook')).toEqual([]);
		});

		test('Delete removes it (by ID or from the list) and says so; an unknown ID is a 404 with the vendor message', async () => {
			const first = createdId(await create('https://a.example.com/1'));
			const second = createdId(await create('https://b.example.com/2'));
			// a and minimal answer 204; b confirms with a body, which the output keeps
			const deletedAnswer = (id: string) => (dialect === 'b' ? { status: 'success', message: 'Webhook deleted', webhook_id: id } : {});
			const byId = await runWorkflow(node('delete', { webhookId: { __rl: true, mode: 'id', value: first } }), { credentials: handle.credentials() });
			expect(byId.json('Webhook')).toEqual([{ ...deletedAnswer(first), deleted: true, id: first }]);
			const fromList = await runWorkflow(node('delete', { webhookId: { __rl: true, mode: 'list', value: second } }), { credentials: handle.credentials() });
			expect(fromList.json('Webhook')).toEqual([{ ...deletedAnswer(second), deleted: true, id: second }]);
			expect(handle.sim.flexunlock.webhooks.size).toBe(0);
			const again = await runWorkflow(node('delete', { webhookId: { __rl: true, mode: 'id', value: first } }, true), { credentials: handle.credentials() });
			expect(again.json('Webhook')[0]).toMatchObject({ error: 'FlexUnlock: Webhook not found (HTTP 404)', httpCode: '404' });
			const bad = await runWorkflow(node('delete', { webhookId: { __rl: true, mode: 'id', value: '../unlock/check' } }, true), { credentials: handle.credentials() });
			expect(bad.json('Webhook')[0].error).toBe('Webhook: "../unlock/check" is not a webhook ID');
		});

		test('the webhook list search shows URL and events and filters', async () => {
			const id = createdId(await create('https://a.example.com/1'));
			await create('https://b.example.com/2', ['unlock.created']);
			const call = { nodeType: 'flexUnlock', credentialType: 'flexUnlockApi', credentials: handle.credentials(), parameters: { resource: 'webhook', operation: 'delete' } };
			const all = await callListSearch('searchWebhooks', call);
			expect(all.results).toHaveLength(2);
			expect(all.results[0]).toEqual({ name: 'https://a.example.com/1 (unlock.completed, unlock.failed)', value: id });
			expect((await callListSearch('searchWebhooks', call, 'B.EXAMPLE')).results.map((row) => row.name)).toEqual(['https://b.example.com/2 (unlock.created)']);
		});
	});
});
