import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { newSecret, verifyHmacSignature } from '../shared/signature';
import { apiRequest } from '../shared/transport';
import {
	headerOf,
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
import { flexUnlock } from './transport';

const EVENTS = ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed'] as const;

/** What the node keeps in its static data about the registration it made. */
interface RegistrationState extends IDataObject {
	webhookId?: string;
	/** The HMAC secret sent with the registration; FlexUnlock never returns it. */
	webhookSecret?: string;
	webhookUrl?: string;
	webhookEvents?: string[];
}

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
	const body: unknown = await apiRequest.call(ctx, flexUnlock, {
		method: 'GET',
		path: '/webhooks',
		idempotent: true,
	});
	// inferred: `{status, webhooks: [...]}` (API-NOTES B); a bare array or `data` envelope is accepted too
	const envelope = body as { webhooks?: unknown; data?: unknown } | undefined;
	const rows = Array.isArray(body) ? body : Array.isArray(envelope?.webhooks) ? envelope.webhooks : Array.isArray(envelope?.data) ? envelope.data : [];
	return (rows as unknown[])
		.filter((row): row is IDataObject => typeof row === 'object' && row !== null && (row as IDataObject).id !== undefined)
		.map((row) => ({
			id: String(row.id),
			url: String(row.url ?? ''),
			events: Array.isArray(row.events) ? row.events.map(String) : [],
		}));
}

/** DELETE /webhooks/{id}; one that is already gone (404) counts as removed. */
async function removeRegistration(ctx: IHookFunctions, id: string): Promise<void> {
	await unlessNotFound(apiRequest.call(ctx, flexUnlock, { method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}`, idempotent: true }));
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

function forget(state: RegistrationState): void {
	delete state.webhookId;
	delete state.webhookSecret;
	delete state.webhookUrl;
	delete state.webhookEvents;
}

export class FlexUnlockTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FlexUnlock Trigger',
		name: 'flexUnlockTrigger',
		icon: { light: 'file:../../icons/flexunlock.svg', dark: 'file:../../icons/flexunlock.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Events: " + [].concat($parameter["events"]).join(", ")}}',
		description: 'Starts the workflow when a FlexUnlock unlock order is created, starts processing, completes or fails',
		defaults: { name: 'FlexUnlock Trigger' },
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexunlock-trigger.md',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexUnlockApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
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
		],
	};

	webhookMethods = {
		default: {
			/**
			 * True only when the registration named in static data exists, points at this node's URL,
			 * has the selected events and its secret is known. Every other registration aimed at this
			 * node's URL is deleted here, because its secret cannot be learned (the list never returns
			 * secrets) and its deliveries would all be refused: `create` then registers afresh.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const events = selectedEvents(this);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				const registrations = await listRegistrations(this);

				let keep: Registration | undefined;
				const stored = state.webhookId ? registrations.find((registration) => registration.id === state.webhookId) : undefined;
				if (stored && state.webhookSecret && sameUrl(stored.url, ownUrl) && sameEvents(stored.events, events)) keep = stored;

				for (const registration of registrations) {
					if (registration === keep) continue;
					const aimedHere = sameUrl(registration.url, ownUrl);
					const storedAndOwn = registration === stored && isOwnRegistration(this, registration, ownUrl);
					// inferred: delete-and-recreate rather than adopt a registration whose secret is unknown
					if (aimedHere || storedAndOwn) await removeRegistration(this, registration.id);
				}

				if (keep) return true;
				forget(state);
				return false;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const events = selectedEvents(this);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				const secret = newSecret(32);
				const response = await apiRequest.call(this, flexUnlock, {
					method: 'POST',
					path: '/webhooks',
					body: { url: ownUrl, events, secret },
				});
				// inferred: `{id, url, events, created_at}` (API-NOTES B); an `id` nested in `webhook`/`data` is accepted too
				const envelope = response as IDataObject & { webhook?: IDataObject; data?: IDataObject };
				const id = envelope?.id ?? envelope?.webhook?.id ?? envelope?.data?.id;
				if (id === undefined || id === null || id === '') {
					throw new NodeOperationError(this.getNode(), 'FlexUnlock registered the webhook but returned no webhook ID', {
						description: 'The next activation finds the registration by its URL and replaces it.',
					});
				}
				state.webhookId = String(id);
				state.webhookSecret = secret;
				state.webhookUrl = ownUrl;
				state.webhookEvents = events;
				return true;
			},

			/** Removes the registration this node created (only while it is still this node's); a 404 is fine. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const ownUrl = ownWebhookUrl(this);
				const state = this.getWorkflowStaticData('node') as RegistrationState;
				if (state.webhookId) {
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
		const secret = state.webhookSecret;
		// Without the secret of a registration this node made, nothing can be verified.
		if (!secret) return unauthorized(this);

		let raw: Buffer;
		try {
			raw = await rawBodyOf(this);
		} catch {
			return refuse(this, 400, 'Bad Request: the body could not be read');
		}
		if (!verifyHmacSignature(secret, raw, headerOf(this, 'x-flexunlock-signature'))) return unauthorized(this);

		const payload = parseJsonObject(raw);
		if (!payload) return refuse(this, 400, 'Bad Request: the body is not a JSON object');

		const event = typeof payload.event === 'string' ? payload.event : '';
		const selected = [this.getNodeParameter('events', []) as string[] | string].flat();
		// Signed by FlexUnlock but not wanted here (e.g. sent before the events were changed): acknowledged, no execution.
		if (!selected.includes(event)) return {};

		return {
			workflowData: [[{ json: { ...payload, _webhook: { event, receivedAt: new Date().toISOString() } } }]],
		};
	}
}
