/**
 * The webhook triggers read the vendors' webhook lists through the contract readers: another
 * plausible list shape is read, and one nobody guessed fails the activation loudly instead of being
 * taken for "nothing registered" (which would register a second webhook).
 */
import { startReshapeProxy, type ReshapeProxy } from '../../harness/reshape-proxy';
import { eachDialect, useSimulator } from '../../harness/simulator';
import { TriggerHarness, WebhookReceiver } from '../../harness/trigger-harness';

const handle = useSimulator({ flexunlock: { orderStepMs: 0 } });
let receiver: WebhookReceiver;
let proxy: ReshapeProxy;

beforeAll(async () => {
	receiver = await WebhookReceiver.start();
	proxy = await startReshapeProxy();
});
afterAll(async () => {
	await receiver.close();
	await proxy.close();
});
afterEach(async () => {
	proxy.clear();
	await handle.sim.flexunlock.flush();
});

const trigger = () =>
	new TriggerHarness(receiver, {
		type: 'flexUnlockTrigger',
		parameters: { events: ['unlock.completed'], options: {} },
		credentials: proxy.credentials(handle.credentials()),
	});
const registrations = () => [...handle.sim.flexunlock.webhooks.values()];

// On top of each dialect's own list shape (b: `data` and `webhook_id`; minimal: no `created_at`).
eachDialect(handle, (dialect) => describe('FlexUnlock webhook list, reshaped', () => {
	/** The list as this dialect's API answers it. */
	const listOf = (body: unknown) => (dialect === 'b' ? (body as { data: unknown[] }).data : (body as { webhooks: unknown[] }).webhooks);

	test('FlexUnlock: a webhook list in another shape (snake_case envelope, wrapped in data) is still read: re-activation finds its registration', async () => {
		proxy.reshape('GET', '/webhooks', (body) => ({ data: { webhook_list: listOf(body) } }));
		const node = trigger();
		expect(await node.activate()).toEqual({ existed: false });
		expect(await node.activate('init')).toEqual({ existed: true });
		expect(registrations()).toHaveLength(1);
		await node.deactivate();
		expect(registrations()).toHaveLength(0);
	});

	test('FlexUnlock: a webhook list nobody guessed fails the activation with the keys seen, and registers nothing', async () => {
		proxy.reshape('GET', '/webhooks', () => ({ count: 0, next: null }));
		await expect(trigger().activate()).rejects.toThrow(/FlexUnlock: the answer to GET \/v1\/webhooks is not in a shape this node can read: .*top-level keys: count, next/);
		expect(registrations()).toHaveLength(0);
	});
}));

test('FlexUnlock: a registration answer without a readable webhook ID fails the activation with the endpoint and the keys seen', async () => {
	proxy.reshape('POST', '/webhooks', () => ({ status: 'success', reference: 'r-1' }));
	const node = trigger();
	const error = await node.activate().then(
		() => undefined,
		(caught: Error & { description?: string }) => caught,
	);
	expect(error?.message).toMatch(/^FlexUnlock registered the webhook but returned no webhook ID: FlexUnlock: the answer to POST \/v1\/webhooks is not in a shape this node can read: expected a webhook with id \(or webhook_id\), got top-level keys: status, reference$/);
	expect(error?.description).toContain('the next activation finds the registration by its URL and replaces it');
	// The next activation, with an answer it can read, replaces the registration it could not name.
	proxy.clear();
	expect(await node.activate()).toEqual({ existed: false });
	expect(registrations()).toHaveLength(1);
	await node.deactivate();
	expect(registrations()).toHaveLength(0);
});
