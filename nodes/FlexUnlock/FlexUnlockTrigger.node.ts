import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { verifyHmacSignature } from '../shared/signature';
import { receiveSigned, repeatedDeliveriesNotice } from '../shared/webhook-delivery';
import { activationError, headerOf, isTestUrl, isThisNodesUrl, ownWebhookUrl, sameUrl, unlessNotFound } from '../shared/webhook-request';
import { credentialChanged, credentialSecretOf, forgetRegistration, issueKeys, storedKeys, type WebhookState } from '../shared/webhook-secrets';
import { mismatchMessage, REPORT_HINT } from '../shared/contract';
import { readCreatedWebhook, SERVICE, webhookFields, webhookRows } from './contract';
import { flexUnlockApi } from './transport';

const EVENTS = ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed'] as const;

/**
 * What the node keeps in its static data about the registration it made (n8n's conventional names;
 * see shared/webhook-secrets.ts).
 */
type RegistrationState = WebhookState;

/** The webhook secret is derived from the credential's API key. */
const credentialSecret = (ctx: IHookFunctions | IWebhookFunctions): Promise<string> =>
	credentialSecretOf(ctx, { type: 'flexUnlockApi', field: 'apiKey', label: "FlexUnlock credential's API key" });

/** What to do when FlexUnlock refuses an activation call, by HTTP status. */
const FLEXUNLOCK_HINTS: Record<string, string> = {
	'401': 'FlexUnlock rejected the API key: check the FlexUnlock credential, then activate again.',
	'403': "This FlexUnlock plan or API key may not manage webhooks: check the account's plan, then activate again.",
};

interface Registration {
	id: string;
	url: string;
	events: string[];
}

function selectedEvents(ctx: IHookFunctions): string[] {
	const events = ctx.getNodeParameter('events', []) as unknown;
	const list = (Array.isArray(events) ? events : [events]).map((event) => String(event ?? '').trim()).filter(Boolean);
	if (list.length === 0) throw new NodeOperationError(ctx.getNode(), 'Events: choose at least one event');
	const unknown = list.filter((event) => !(EVENTS as readonly string[]).includes(event));
	if (unknown.length > 0) {
		throw new NodeOperationError(ctx.getNode(), `Events: ${unknown.join(', ')} is not a FlexUnlock event`, {
			description: `FlexUnlock sends ${EVENTS.join(', ')}.`,
		});
	}
	return [...new Set(list)].sort();
}

const sameEvents = (a: string[], b: string[]): boolean => a.length === b.length && [...a].sort().every((event, i) => event === [...b].sort()[i]);

async function listRegistrations(ctx: IHookFunctions): Promise<Registration[]> {
	const body: unknown = await flexUnlockApi(ctx).get('/webhooks');
	// inferred: `{status, webhooks: [...]}` (API-NOTES B), read by the webhook-list reader; an answer
	// it cannot read fails the activation loudly instead of counting as "no registrations".
	return webhookRows(ctx.getNode(), body)
		.map(webhookFields)
		.flatMap(({ id, url, events }) => (id === undefined ? [] : [{ id, url: url ?? '', events }]));
}

/** DELETE /webhooks/{id}; one that is already gone (404) counts as removed. */
async function removeRegistration(ctx: IHookFunctions, id: string): Promise<void> {
	await unlessNotFound(flexUnlockApi(ctx).delete(`/webhooks/${encodeURIComponent(id)}`, { idempotent: true }));
}

/**
 * Whether a registration this node's static data names is still this node's: its URL is this node's
 * URL, or the same node path under another base URL (n8n's WEBHOOK_URL changed) in the same mode.
 * A stored id whose URL is some other node's (static data copied with an imported workflow) is not.
 */
function isOwnRegistration(ctx: IHookFunctions, registration: Registration, ownUrl: string): boolean {
	if (sameUrl(registration.url, ownUrl)) return true;
	return isThisNodesUrl(ctx, registration.url, ownUrl) && isTestUrl(registration.url) === isTestUrl(ownUrl);
}

const forget = (state: RegistrationState): void => forgetRegistration(state);

export class FlexUnlockTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FlexUnlock Trigger',
		name: 'flexUnlockTrigger',
		icon: { light: 'file:../../icons/flexunlock.svg', dark: 'file:../../icons/flexunlock.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves exactly as version 1. It exists because n8n 2.40's webhook handler evaluates an
		// expression meant for its own Webhook node v1 (options.binaryData) on every delivery to any start node
		// at typeVersion 1, in the expression isolate: the largest cost of a delivery under a burst
		// (docs/queue-mode.md, Figures). New nodes get version 2; saved version-1 nodes keep working.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"Events: " + [].concat($parameter["events"]).join(", ")}}',
		description: 'Check eligibility and order device unlocks with FlexUnlock, and start workflows when an order is created, processed, completed or fails',
		defaults: { name: 'FlexUnlock Trigger' },
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexunlock-trigger.md',
		builderHint: {
			searchHint:
				'Starts a workflow when a FlexUnlock unlock order is created, starts processing, completes (with the unlock code) or fails, through a webhook it registers and removes itself. Pick it over n8n\'s Webhook node: it registers the callback and rejects unsigned or replayed deliveries.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-device-access.flexUnlock', relationHint: 'Places the orders this trigger reports on, or reads an order again' },
			],
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexUnlockApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			// Names this trigger's output schema (__schema__/v1.0.0/orderEvent.json): n8n finds a schema by resource and
			// operation, and the triggers sharing this folder would otherwise share one file.
			{ displayName: 'Output', name: 'operation', type: 'hidden', default: 'orderEvent' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['unlock.completed', 'unlock.failed'],
				description: 'The order events that start the workflow',
				options: [
					{ name: 'Unlock Completed', value: 'unlock.completed', description: 'An unlock order completed (the unlock code is in the data)' },
					{ name: 'Unlock Created', value: 'unlock.created', description: 'A new unlock order was created' },
					{ name: 'Unlock Failed', value: 'unlock.failed', description: 'An unlock attempt failed' },
					{ name: 'Unlock Processing', value: 'unlock.processing', description: 'An unlock order started processing' },
				],
			},
			// The options collection held only "Ignore Repeated Deliveries" (see shared/webhook-delivery.ts):
			// a saved workflow's `options` is no longer declared, and n8n drops undeclared parameters on load.
			repeatedDeliveriesNotice('made of the order ID and the event (the fields data.order_id and event)'),
		],
	};

	webhookMethods = {
		default: {
			/**
			 * True only when the registration named in static data exists, points at this node's URL,
			 * has the selected events, was made with the current credential, and is the only one aimed
			 * at this URL. Never changes anything: `create` cleans up.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const events = selectedEvents(this);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				if (!state.webhookId) return false;
				const secret = await credentialSecret(this);
				if (!storedKeys(this, state, secret).found || credentialChanged(this, state, secret)) return false;

				const registrations = await listRegistrations(this).catch((error: unknown) => {
					throw activationError(this, error, 'list the FlexUnlock webhooks', FLEXUNLOCK_HINTS);
				});
				const stored = registrations.find((registration) => registration.id === state.webhookId);
				if (!stored || !sameUrl(stored.url, ownUrl) || !sameEvents(stored.events, events)) return false;
				return registrations.every((registration) => registration === stored || !sameUrl(registration.url, ownUrl));
			},

			/**
			 * Removes every registration aimed at this node's URL and the stored one (while it is still
			 * this node's): their secrets cannot be read back (the list never returns secrets), so they
			 * are replaced rather than adopted. Then registers with a secret derived for this registration.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const events = selectedEvents(this);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				const { keys, record } = issueKeys(this, await credentialSecret(this));

				const registrations = await listRegistrations(this).catch((error: unknown) => {
					throw activationError(this, error, 'list the FlexUnlock webhooks', FLEXUNLOCK_HINTS);
				});
				for (const registration of registrations) {
					const aimedHere = sameUrl(registration.url, ownUrl);
					const storedAndOwn = registration.id === state.webhookId && isOwnRegistration(this, registration, ownUrl);
					// inferred: delete-and-recreate rather than adopt a registration whose secret is unknown
					if (!aimedHere && !storedAndOwn) continue;
					await removeRegistration(this, registration.id).catch((error: unknown) => {
						throw activationError(this, error, `remove the earlier FlexUnlock webhook ${registration.id} aimed at this node`, FLEXUNLOCK_HINTS);
					});
				}
				forget(state);

				const response = await flexUnlockApi(this).post('/webhooks', { url: ownUrl, events, secret: keys.signingSecret })
					.catch((error: unknown) => {
						throw activationError(this, error, 'register the FlexUnlock webhook', FLEXUNLOCK_HINTS);
					});
				// inferred: `{id, url, events, created_at}` (API-NOTES B), read by the contract reader (wrapped answers too)
				const created = readCreatedWebhook(response);
				if (!created.ok) {
					throw new NodeOperationError(this.getNode(), `FlexUnlock registered the webhook but returned no webhook ID: ${mismatchMessage(SERVICE, 'POST /v1/webhooks', created)}`, {
						description: `Activate the workflow again: the next activation finds the registration by its URL and replaces it. ${REPORT_HINT}`,
					});
				}
				state.webhookId = created.value.id;
				state.webhookUrl = ownUrl;
				state.webhookEvents = events;
				Object.assign(state, record);
				return true;
			},

			/** Removes the registration this node created (only while it is still this node's); a 404 is fine. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				if (state.webhookId) {
					const ownUrl = ownWebhookUrl(this);
					const registrations = await listRegistrations(this);
					const stored = registrations.find((registration) => registration.id === state.webhookId);
					if (stored && isOwnRegistration(this, stored, ownUrl)) await removeRegistration(this, stored.id);
				}
				forget(state);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = this.getWorkflowStaticData('node') as RegistrationState;
		const selected = [this.getNodeParameter('events', []) as string[] | string].flat();
		const eventOf = (payload: IDataObject) => (typeof payload.event === 'string' ? payload.event : '');

		return await receiveSigned(this, {
			state,
			credentialSecret: async () => await credentialSecret(this),
			verify: (raw, keys) => verifyHmacSignature(keys.signingSecret, raw, headerOf(this, 'x-flexunlock-signature')),
			// Signed by FlexUnlock but not wanted here (e.g. sent before the events were changed): acknowledged, no execution.
			accept: (payload) => (selected.includes(eventOf(payload)) ? 'run' : 'acknowledge'),
			// Everything in the output is from the signed body (the event) or this process (receivedAt).
			decorate: (payload) => ({ event: eventOf(payload) }),
		});
	}
}
