import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { newSecret, safeEqual, verifyHmacSignature } from '../shared/signature';
import { apiRequest } from '../shared/transport';
import {
	headerOf,
	isTestRegistration,
	isTestUrl,
	isThisNodesUrl,
	ownWebhookUrl,
	parseJsonObject,
	rawBodyOf,
	refuse,
	sameUrl,
	unauthorized,
	unlessNotFound,
} from '../shared/webhook-request';
import { unitField } from './fields/unit';
import { searchUnits } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';
import { flexyKey } from './transport';

const STATUS_CHANGED = 'control.statusChanged';

/** What the node keeps in its static data about the registration it made. */
interface RegistrationState extends IDataObject {
	unitId?: number;
	event?: string;
	callbackUrl?: string;
	/** HMAC secret and API key sent with the PUT; FlexyKey never returns them. */
	secret?: string;
	apiKey?: string;
	updatedIso?: string;
}

/** One row of `GET /Webhooks` (inferred shape: secrets are write-only, reads say whether they are set). */
interface Slot {
	callbackUrl?: unknown;
	hasSecret?: unknown;
	hasApiKey?: unknown;
	isActive?: unknown;
	updatedIso?: unknown;
	event?: unknown;
}

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

/**
 * The unit and event a deletion is for: the ones registered (static data), else the node's
 * parameters; none when those are invalid (nothing this node could have registered).
 */
function registeredTarget(ctx: IHookFunctions, state: RegistrationState): Target | undefined {
	if (typeof state.unitId === 'number' && typeof state.event === 'string') return { unitId: state.unitId, event: state.event };
	const found = readTarget(ctx);
	return typeof found === 'string' ? undefined : found;
}

/** The registration holding the unit's slot for the event, if any. */
async function readSlot(ctx: IHookFunctions, { unitId, event }: Target): Promise<Slot | undefined> {
	// inferred: an API that answers 404 for "no webhook configured" means an empty slot
	const body: unknown = await unlessNotFound(
		apiRequest.call(ctx, flexyKey, { method: 'GET', path: '/Webhooks', qs: { unitId, event }, idempotent: true }),
	);
	// inferred: an array filtered by event; a single object is accepted too
	const rows = (Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : []) as unknown[];
	return rows.find(
		(row): row is Slot => typeof row === 'object' && row !== null && ((row as Slot).event === undefined || (row as Slot).event === event),
	);
}

async function removeSlot(ctx: IHookFunctions, { unitId, event }: Target): Promise<void> {
	await unlessNotFound(apiRequest.call(ctx, flexyKey, { method: 'DELETE', path: '/Webhooks', qs: { unitId, event }, idempotent: true }));
}

function forget(state: RegistrationState): void {
	for (const key of ['unitId', 'event', 'callbackUrl', 'secret', 'apiKey', 'updatedIso']) delete state[key];
}

const deleteHint = ({ unitId, event }: Target) => `DELETE /v1/Webhooks?unitId=${unitId}&event=${encodeURIComponent(event)}`;

export class FlexyKeyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FlexyKey Trigger',
		name: 'flexyKeyTrigger',
		icon: { light: 'file:../../icons/flexykey.svg', dark: 'file:../../icons/flexykey.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: "Starts the workflow when a FlexyKey unit reports an IO status change",
		defaults: { name: 'FlexyKey Trigger' },
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexykey-trigger.md',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexyKeyApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'FlexyKey keeps one callback per unit and event: activating this trigger will not replace a registration that points elsewhere unless "Take Over Existing Registration" is on. The unit must report IO changes and have secure communication enabled.',
				name: 'slotNotice',
				type: 'notice',
				default: '',
			},
			{
				...unitField({}, { serialNumber: false }),
				displayOptions: undefined,
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
					'The webhook event, from GET /Webhooks/Events. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Ignore Test Deliveries',
						name: 'ignoreTestDeliveries',
						type: 'boolean',
						default: false,
						description:
							'Whether to acknowledge deliveries marked X-Webhook-Test (sent by POST /Webhooks/Test) without starting the workflow. When off they start it, marked with _webhook.test = true.',
					},
					{
						displayName: 'Take Over Existing Registration',
						name: 'takeOver',
						type: 'boolean',
						default: false,
						description:
							"Whether to replace a registration for this unit and event that points at another URL. Its receiver stops getting events and is not told. A test run never replaces this workflow's own production registration.",
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchUnits },
		loadOptions: { getWebhookEvents: loadOptions.getWebhookEvents },
	};

	webhookMethods = {
		default: {
			/** True only when the slot points at this node's URL and this node knows its secret and API key. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const wanted = target(this);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				const slot = await readSlot(this, wanted);
				if (!slot || !sameUrl(slot.callbackUrl, ownUrl)) return false;
				const known =
					!!state.secret &&
					!!state.apiKey &&
					state.unitId === wanted.unitId &&
					state.event === wanted.event &&
					sameUrl(state.callbackUrl, ownUrl);
				if (!known) return false;
				if (slot.hasSecret === false || slot.hasApiKey === false) return false;
				if (slot.isActive !== undefined && Number(slot.isActive) !== 1) return false;
				// inferred: a changed `updatedIso` means someone re-PUT the slot (maybe with another secret)
				if (state.updatedIso && typeof slot.updatedIso === 'string' && slot.updatedIso !== state.updatedIso) return false;
				return true;
			},

			/**
			 * Registers this node's URL with a fresh secret and API key. Refuses when the slot holds
			 * another workflow's URL (unless taking over is on), and always refuses in a test run when
			 * the slot holds this workflow's production URL.
			 */
			async create(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const wanted = target(this);
				const options = this.getNodeParameter('options', {}) as { takeOver?: boolean };
				const testRun = isTestRegistration(this, ownUrl);
				const state = this.getWorkflowStaticData('node') as RegistrationState;

				const slot = await readSlot(this, wanted);
				const holder = typeof slot?.callbackUrl === 'string' ? slot.callbackUrl : undefined;
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

				const secret = newSecret(32);
				const apiKey = newSecret(24);
				// PUT is an upsert with the same body each time, so repeating it cannot act twice.
				const response: unknown = await apiRequest.call(this, flexyKey, {
					method: 'PUT',
					path: '/Webhooks',
					body: { unitId: wanted.unitId, event: wanted.event, callbackUrl: ownUrl, httpMethod: 'POST', secret, apiKey, isActive: 1 },
					idempotent: true,
				});
				state.unitId = wanted.unitId;
				state.event = wanted.event;
				state.callbackUrl = ownUrl;
				state.secret = secret;
				state.apiKey = apiKey;
				const updatedIso = (response as Slot | undefined)?.updatedIso;
				if (typeof updatedIso === 'string') state.updatedIso = updatedIso;
				else delete state.updatedIso;
				return true;
			},

			/** Deletes the slot's registration only while it still points at this node's URL. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				const registered = registeredTarget(this, state);
				if (registered) {
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
		// Without the secret and key of a registration this node made, nothing can be verified.
		if (!state.secret || !state.apiKey) return unauthorized(this);

		let raw: Buffer;
		try {
			raw = await rawBodyOf(this);
		} catch {
			return refuse(this, 400, 'Bad Request: the body could not be read');
		}
		const signed = verifyHmacSignature(state.secret, raw, headerOf(this, 'x-signature'));
		const keyed = safeEqual(state.apiKey, headerOf(this, 'x-api-key'));
		if (!signed || !keyed) return unauthorized(this);

		const payload = parseJsonObject(raw);
		if (!payload) return refuse(this, 400, 'Bad Request: the body is not a JSON object');

		const test = headerOf(this, 'x-webhook-test') === '1';
		const options = this.getNodeParameter('options', {}) as { ignoreTestDeliveries?: boolean };
		if (test && options.ignoreTestDeliveries === true) return {};

		const configuredEvent = state.event ?? String(this.getNodeParameter('event', STATUS_CHANGED));
		const event = headerOf(this, 'x-event');
		// inferred: a delivery for another event than the registered one is acknowledged without an execution
		if (event !== undefined && event !== configuredEvent) return {};

		const unitHeader = headerOf(this, 'x-unitid');
		const unitId = unitHeader !== undefined && /^\d+$/.test(unitHeader.trim()) ? Number(unitHeader.trim()) : (unitHeader ?? payload.unitId ?? null);
		return {
			workflowData: [
				[{ json: { ...payload, _webhook: { event: event ?? configuredEvent, unitId, test, receivedAt: new Date().toISOString() } } }],
			],
		};
	}
}
