import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { safeEqual, verifyHmacSignature } from '../shared/signature';
import { receiveSigned, repeatedDeliveriesNotice } from '../shared/webhook-delivery';
import {
	activationError,
	headerOf,
	isTestRegistration,
	isTestUrl,
	isThisNodesUrl,
	ownWebhookUrl,
	sameUrl,
	unlessNotFound,
} from '../shared/webhook-request';
import { credentialChanged, credentialSecretOf, forgetRegistration, issueKeys, storedKeys, type WebhookState } from '../shared/webhook-secrets';
import { unitField } from './fields/unit';
import { searchUnits } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';
import { listRows, readWebhook, statusUnitId, webhookSlotFields, type WebhookSlot } from './contract';
import { flexyKeyApi } from './transport';
import { optionsCollection } from '../shared/display';

const STATUS_CHANGED = 'control.statusChanged';

/**
 * What the node keeps in its static data about the registration it made: n8n's conventional
 * `webhookId`/`webhookUrl`/`webhookEvents`, the unit, the slot's `updatedIso`, and the non-secret
 * inputs of the secret derivation (see shared/webhook-secrets.ts). No secret or API key.
 */
interface RegistrationState extends WebhookState {
	unitId?: number;
	updatedIso?: string;
}

const registeredEvent = (state: RegistrationState): string | undefined => state.webhookEvents?.[0];

/** The webhook secret and API key are derived from the credential's password. */
const credentialSecret = (ctx: IHookFunctions | IWebhookFunctions): Promise<string> =>
	credentialSecretOf(ctx, { type: 'flexyKeyApi', field: 'password', label: "FlexyKey credential's password" });

interface Target {
	unitId: number;
	event: string;
}

/** The unit and event from the node's parameters, or what is wrong with them. */
function readTarget(ctx: IHookFunctions): Target | string {
	const raw = String(ctx.getNodeParameter('unit', '', { extractValue: true }) ?? '').trim();
	if (raw === '') return 'Unit: is required';
	if (!/^\d+$/.test(raw)) return `Unit: "${raw}" is not a unit ID (digits only)`;
	const event = String(ctx.getNodeParameter('event', '') ?? '').trim();
	if (event === '') return 'Event: is required';
	return { unitId: Number(raw), event };
}

function target(ctx: IHookFunctions): Target {
	const found = readTarget(ctx);
	if (typeof found === 'string') throw new NodeOperationError(ctx.getNode(), found);
	return found;
}

/** The unit and event this node registered (static data); none when it registered nothing. */
function registeredTarget(state: RegistrationState): Target | undefined {
	const event = registeredEvent(state);
	if (typeof state.unitId !== 'number' || event === undefined) return undefined;
	return { unitId: state.unitId, event };
}

/** The registration holding the unit's slot for the event, if any. */
async function readSlot(ctx: IHookFunctions, { unitId, event }: Target): Promise<WebhookSlot | undefined> {
	// inferred: an API that answers 404 for "no webhook configured" means an empty slot
	const body: unknown = await unlessNotFound(
		flexyKeyApi(ctx).get('/Webhooks', { unitId, event }),
	);
	// inferred: an array filtered by event; a single object is accepted too (both read by the contract reader)
	return listRows(ctx.getNode(), 'webhooks', body)
		.map(webhookSlotFields)
		.find((slot) => slot.event === undefined || slot.event === event);
}

async function removeSlot(ctx: IHookFunctions, { unitId, event }: Target): Promise<void> {
	await unlessNotFound(flexyKeyApi(ctx).delete('/Webhooks', { qs: { unitId, event }, idempotent: true }));
}

function forget(state: RegistrationState): void {
	forgetRegistration(state, ['unitId', 'updatedIso']);
}

const deleteHint = ({ unitId, event }: Target) => `DELETE /v1/Webhooks?unitId=${unitId}&event=${encodeURIComponent(event)}`;

export class FlexyKeyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FlexyKey Trigger',
		name: 'flexyKeyTrigger',
		icon: { light: 'file:../../icons/flexykey.svg', dark: 'file:../../icons/flexykey.dark.svg' },
		group: ['trigger'],
		// Version 2 behaves exactly as version 1. It exists because n8n 2.40's webhook handler evaluates an
		// expression meant for its own Webhook node v1 (options.binaryData) on every delivery to any start node
		// at typeVersion 1, in the expression isolate: the largest cost of a delivery under a burst
		// (docs/queue-mode.md, Figures). New nodes get version 2; saved version-1 nodes keep working.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["event"]}}',
		description: 'Control FlexyKey and Evva access units, and start workflows when a unit reports an IO status change',
		defaults: { name: 'FlexyKey Trigger' },
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexykey-trigger.md',
		builderHint: {
			searchHint:
				'Starts a workflow the moment a FlexyKey unit reports an IO status change (a door opened, an input or output switched), through a webhook it registers on the unit and removes on deactivation. Pick it over n8n\'s Webhook node: it registers the callback itself and rejects unsigned or replayed deliveries. Needs a URL the FlexyKey cloud can reach; without one use FlexyKey Status Trigger (polling).',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-device-access.flexyKey', relationHint: 'Reacts to the change, typically Control → Set Output to open a door, switch a relay or reset an output' },
				{ nodeType: 'n8n-nodes-device-access.flexyKeyStatusTrigger', relationHint: 'Polling alternative when n8n has no public URL' },
			],
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexyKeyApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			// Names this trigger's output schema (__schema__/v1.0.0/statusChanged.json): n8n finds a schema by resource and
			// operation, and the triggers sharing this folder would otherwise share one file.
			{ displayName: 'Output', name: 'operation', type: 'hidden', default: 'statusChanged' },
			{
				displayName:
					'FlexyKey keeps one callback per unit and event: activating this trigger will not replace a registration that points elsewhere unless "Take Over Existing Registration" is on. The unit must report IO changes and have secure communication enabled.',
				name: 'slotNotice',
				type: 'notice',
				default: '',
			},
			{
				...unitField({ serialNumber: false }),
				description: 'The unit whose status reports start the workflow',
			},
			{
				displayName: 'Event Name or ID',
				name: 'event',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getWebhookEvents' },
				required: true,
				default: STATUS_CHANGED,
				description:
					'The webhook event, as listed by FlexyKey → Webhook → Get Events. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			repeatedDeliveriesNotice('made of the unit and the status time (the fields unitId and statusTimestampIso)'),
			// "Ignore Repeated Deliveries" is gone from these options (see shared/webhook-delivery.ts); n8n drops
			// an option a saved workflow still carries, since the collection no longer declares it.
			optionsCollection([
				{
					displayName: 'Ignore Test Deliveries',
					name: 'ignoreTestDeliveries',
					type: 'boolean',
					default: false,
					description:
						'Whether to acknowledge deliveries carrying the header X-Webhook-Test (sent by FlexyKey → Webhook → Send Test) without starting the workflow. When off they start it, with _webhook.testHeader = true. The header is not signed: treat it as a hint.',
				},
				{
					displayName: 'Take Over Existing Registration',
					name: 'takeOver',
					type: 'boolean',
					default: false,
					description:
						"Whether to replace a registration for this unit and event that points at another URL. Its receiver stops getting events and is not told. A test run never replaces this workflow's own production registration.",
				},
			]),
		],
	};

	methods = {
		listSearch: { searchUnits },
		loadOptions: { getWebhookEvents: loadOptions.getWebhookEvents },
	};

	webhookMethods = {
		default: {
			/**
			 * True only when the slot points at this node's URL and matches the registration this node
			 * stored, made with the current credential. Never changes anything.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const wanted = target(this);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				const registered = registeredTarget(state);
				if (!registered || registered.unitId !== wanted.unitId || registered.event !== wanted.event) return false;
				if (!sameUrl(state.webhookUrl, ownUrl)) return false;
				const secret = await credentialSecret(this);
				if (!storedKeys(this, state, secret).found || credentialChanged(this, state, secret)) return false;

				const slot = await readSlot(this, wanted).catch((error: unknown) => {
					throw activationError(this, error, `read unit ${wanted.unitId}'s "${wanted.event}" webhook`, flexyKeyHints(wanted));
				});
				if (!slot || !sameUrl(slot.callbackUrl, ownUrl)) return false;
				if (slot.hasSecret === false || slot.hasApiKey === false) return false;
				if (slot.isActive === false) return false;
				// inferred: a changed `updatedIso` means someone re-PUT the slot (maybe with another secret);
				// an answer without an update time cannot show that (docs/nodes/flexykey-trigger.md)
				if (state.updatedIso && slot.updatedIso !== undefined && slot.updatedIso !== state.updatedIso) return false;
				return true;
			},

			/**
			 * Registers this node's URL with a secret and API key derived for this registration.
			 * Refuses when the slot holds another workflow's URL (unless taking over is on), and always
			 * refuses in a test run when the slot holds this workflow's production URL.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const wanted = target(this);
				const options = this.getNodeParameter('options', {}) as { takeOver?: boolean };
				const testRun = isTestRegistration(this, ownUrl);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				const { keys, record } = issueKeys(this, await credentialSecret(this));

				const slot = await readSlot(this, wanted).catch((error: unknown) => {
					throw activationError(this, error, `read unit ${wanted.unitId}'s "${wanted.event}" webhook`, flexyKeyHints(wanted));
				});
				const holder = slot?.callbackUrl;
				if (holder && !sameUrl(holder, ownUrl)) {
					const thisNode = isThisNodesUrl(this, holder, ownUrl);
					if (testRun && thisNode && !isTestUrl(holder)) {
						throw new NodeOperationError(
							this.getNode(),
							`This workflow's production registration holds unit ${wanted.unitId}'s "${wanted.event}" webhook; a test run would replace it`,
							{
								description: `FlexyKey keeps one callback per unit and event, so listening for a test event here would stop the active workflow (${holder}) from receiving events. Deactivate the workflow to test it, then activate it again, or look at the active workflow's executions.`,
							},
						);
					}
					if (!thisNode && options.takeOver !== true) {
						throw new NodeOperationError(
							this.getNode(),
							`Unit ${wanted.unitId} already sends "${wanted.event}" to another URL: ${holder}`,
							{
								description: `FlexyKey keeps one callback per unit and event, and activating this trigger would cut that receiver off. Free the slot first: deactivate the workflow that owns ${holder}, or delete that registration (the FlexyKey node's Webhook → Delete, or ${deleteHint(wanted)}). To replace it anyway, turn on "Take Over Existing Registration" in this trigger's options.`,
							},
						);
					}
				}

				// PUT is an upsert with the same body each time, so repeating it cannot act twice.
				const response: unknown = await flexyKeyApi(this).put('/Webhooks', {
							unitId: wanted.unitId,
							event: wanted.event,
							callbackUrl: ownUrl,
							httpMethod: 'POST',
							secret: keys.signingSecret,
							apiKey: keys.apiKey,
							isActive: 1,
						}, { idempotent: true })
					.catch((error: unknown) => {
						throw activationError(this, error, `register unit ${wanted.unitId}'s "${wanted.event}" webhook`, flexyKeyHints(wanted));
					});
				forget(state);
				// inferred: the answer is the configuration (read by the contract reader, wrapped ones too); its
				// id is kept for reference only, its update time to notice a re-PUT by someone else
				const answered = readWebhook(response);
				const registration = answered.ok ? webhookSlotFields(answered.value) : undefined;
				if (registration?.webhookId !== undefined) state.webhookId = registration.webhookId;
				state.webhookUrl = ownUrl;
				state.webhookEvents = [wanted.event];
				state.unitId = wanted.unitId;
				Object.assign(state, record);
				if (registration?.updatedIso !== undefined) state.updatedIso = registration.updatedIso;
				return true;
			},

			/**
			 * Deletes the slot's registration only while it still points at this node's URL. With no
			 * stored registration (activation failed, or nothing was registered) there is nothing of
			 * this node's to delete: no call.
			 */
			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				const registered = registeredTarget(state);
				if (registered) {
					const ownUrl = ownWebhookUrl(this);
					const slot = await readSlot(this, registered);
					if (slot && sameUrl(slot.callbackUrl, ownUrl)) await removeSlot(this, registered);
				}
				forget(state);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = this.getWorkflowStaticData('node') as RegistrationState;
		const options = this.getNodeParameter('options', {}) as { ignoreTestDeliveries?: boolean };
		const event = registeredEvent(state) ?? String(this.getNodeParameter('event', STATUS_CHANGED));
		const unitId = typeof state.unitId === 'number' ? state.unitId : undefined;
		const testHeader = headerOf(this, 'x-webhook-test') === '1';

		return await receiveSigned(this, {
			state,
			credentialSecret: async () => await credentialSecret(this),
			verify: (raw, keys) => verifyHmacSignature(keys.signingSecret, raw, headerOf(this, 'x-signature')) && safeEqual(keys.apiKey, headerOf(this, 'x-api-key')),
			accept: (payload) => {
				// Only the body is signed; the secret is this registration's, so the body must be about its unit.
				const named = payload.unitId;
				if (named !== undefined && named !== null && statusUnitId(payload) !== unitId) return 'refuse';
				// inferred: a delivery for another event than the registered one is acknowledged without an execution
				const eventHeader = headerOf(this, 'x-event');
				if (eventHeader !== undefined && eventHeader !== event) return 'acknowledge';
				if (testHeader && options.ignoreTestDeliveries === true) return 'acknowledge';
				return 'run';
			},
			// inferred: a body without `unitId` is about the registered unit (the secret is per unit and event)
			decorate: (payload) => ({ event, unitId: statusUnitId(payload) ?? unitId ?? null, testHeader }),
		});
	}
}

/** What to do when FlexyKey refuses an activation call, by HTTP status. */
function flexyKeyHints({ unitId }: Target): Record<string, string> {
	return {
		'401': 'FlexyKey rejected the credential: check the user name and password in the FlexyKey credential, then activate again.',
		'403': `The FlexyKey user in this credential does not belong to the company that owns unit ${unitId}: choose one of that company's units, or use a credential of the owning company, then activate again.`,
		'404': `FlexyKey does not know unit ${unitId}: check the Unit field, then activate again.`,
	};
}
