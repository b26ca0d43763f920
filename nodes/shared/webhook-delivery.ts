/**
 * The one delivery pipeline of both webhook triggers (`receiveSigned`): read the raw body, verify it
 * with keys derived from the registration in static data and the credential, parse it, let the
 * trigger accept, acknowledge or refuse what the signed body says, drop a repeated body when asked,
 * and start an execution with the body plus `_webhook` (signed facts and labelled hints). It relies
 * only on static data, node parameters and the credential, so any n8n process can run it.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { credentialChanged, storedKeys, type LegacyKeys, type WebhookKeys, type WebhookState } from './webhook-secrets';
import { parseJsonObject, rawBodyOf, refuse, unauthorized } from './webhook-request';

/** What to do with a delivery whose signature verified. */
export type Acceptance = 'run' | 'acknowledge' | 'refuse';

export interface SignedDeliveryRules {
	/** The node's static data (the registration it made). */
	state: WebhookState;
	/** Secrets an earlier version stored there, still honoured until the workflow is re-published. */
	legacy?: LegacyKeys;
	/** The credential's secret the keys are derived from (API key or password). */
	credentialSecret: () => Promise<string>;
	/** Whether the raw body and the request's headers carry this registration's signature (and key). */
	verify: (raw: Buffer, keys: WebhookKeys) => boolean;
	/**
	 * Given the verified body: run, acknowledge without an execution (200), or refuse (401) a
	 * delivery that names something this node is not registered for.
	 */
	accept: (payload: IDataObject) => Acceptance;
	/** The `_webhook` fields: facts from the signed body or the registration; unsigned hints labelled so. */
	decorate: (payload: IDataObject) => IDataObject;
	/** "Ignore Repeated Deliveries": acknowledge a body already run recently without running it again. */
	ignoreRepeats: boolean;
}

export async function receiveSigned(ctx: IWebhookFunctions, rules: SignedDeliveryRules): Promise<IWebhookResponseData> {
	let raw: Buffer;
	try {
		raw = await rawBodyOf(ctx);
	} catch {
		return refuse(ctx, 400, 'Bad Request: the body could not be read');
	}
	const verdict = await verified(ctx, rules, raw);
	if (verdict === 'unavailable') return refuse(ctx, 503, 'Service Unavailable: the delivery could not be verified now; deliver it again later');
	if (verdict === 'refused') return unauthorized(ctx);

	const payload = parseJsonObject(raw);
	if (!payload) return refuse(ctx, 400, 'Bad Request: the body is not a JSON object');

	const acceptance = rules.accept(payload);
	if (acceptance === 'refuse') return unauthorized(ctx);
	if (acceptance === 'acknowledge') return {};
	if (rules.ignoreRepeats && !recentDeliveries.firstTime(deliveryKey(ctx, raw), Date.now())) return {};

	const _webhook = { ...rules.decorate(payload), receivedAt: new Date().toISOString() };
	return { workflowData: [[{ json: { ...payload, _webhook } }]] };
}

/**
 * `unavailable` when the credential cannot be read: under load n8n's database may time out, and a
 * 401 would tell the vendor the delivery is bad when it was never judged; a 503 asks for it again.
 */
type Verdict = 'verified' | 'refused' | 'unavailable';

async function verified(ctx: IWebhookFunctions, rules: SignedDeliveryRules, raw: Buffer): Promise<Verdict> {
	let credentialSecret: string;
	try {
		credentialSecret = await rules.credentialSecret();
	} catch (error) {
		warnOnce(ctx, 'credential', `cannot verify webhook deliveries: ${(error as Error).message}. Deliveries are answered 503 (try again later) until the credential can be read.`);
		return 'unavailable';
	}
	const stored = storedKeys(ctx, rules.state, credentialSecret, rules.legacy);
	if (!stored.found) return 'refused';
	if (rules.verify(raw, stored.keys)) return 'verified';
	if (credentialChanged(ctx, rules.state, credentialSecret)) {
		warnOnce(
			ctx,
			'changed',
			'a webhook delivery failed verification because the credential changed after the webhook was registered. Re-publish the workflow (deactivate it, then activate it) to register the webhook again with the new credential; until then deliveries are refused (401).',
		);
	}
	return 'refused';
}

/** One warning per node and cause per ten minutes: refused deliveries may come in floods. */
const WARN_INTERVAL_MS = 10 * 60 * 1000;
const lastWarned = new Map<string, number>();

function warnOnce(ctx: IWebhookFunctions, cause: string, message: string): void {
	const node = ctx.getNode();
	const workflowId = String(ctx.getWorkflow().id ?? '');
	const key = `${workflowId}\n${node.id}\n${cause}`;
	const now = Date.now();
	if (now - (lastWarned.get(key) ?? -Infinity) < WARN_INTERVAL_MS) return;
	if (lastWarned.size >= 1_000) lastWarned.clear();
	lastWarned.set(key, now);
	ctx.logger.warn(`${node.name} (workflow ${workflowId}): ${message}`, { workflowId, nodeName: node.name });
}

/** A delivery's identity for the replay guard: this node, test or production, and the exact signed bytes. */
function deliveryKey(ctx: IWebhookFunctions, raw: Buffer): string {
	return createHash('sha256')
		.update([ctx.getWorkflow().id ?? '', ctx.getNode().id, ctx.getMode(), ''].join('\n'))
		.update(raw)
		.digest('hex');
}

/** The option's text without its last sentence: each trigger adds why it is on or off by default. */
const IGNORE_REPEATED_DELIVERIES: INodeProperties = {
	displayName: 'Ignore Repeated Deliveries',
	name: 'ignoreRepeatedDeliveries',
	type: 'boolean',
	default: false,
	description:
		'Whether to acknowledge, without starting the workflow, a delivery whose signed body this n8n process already accepted in the last 24 hours (a replay)', // completed by the trigger's reason (see below)
};

/**
 * The trigger option "Ignore Repeated Deliveries" (read as `options.ignoreRepeatedDeliveries`, absent
 * meaning `on`); `why` says why this trigger has it on or off by default.
 */
export function ignoreRepeatedDeliveriesOption(on: boolean, why: string): INodeProperties {
	return { ...IGNORE_REPEATED_DELIVERIES, default: on, description: `${IGNORE_REPEATED_DELIVERIES.description}. ${why}` };
}

/** How long, and how many, accepted bodies a process remembers for "Ignore Repeated Deliveries". */
export const REPLAY_GUARD = { windowMs: 24 * 60 * 60 * 1000, capacity: 10_000 } as const;

/**
 * Bodies accepted recently, in this process's memory only (lost on restart, not shared between
 * the processes of a queue-mode set-up). Insertion order is time order, so the oldest go first
 * when the window passes or the capacity is reached.
 */
export class RecentDeliveries {
	private readonly acceptedAt = new Map<string, number>();

	constructor(private readonly limits: { windowMs: number; capacity: number } = REPLAY_GUARD) {}

	get size(): number {
		return this.acceptedAt.size;
	}

	/** True, and remembered, when `key` was not accepted within the window; false for a repeat. */
	firstTime(key: string, now: number): boolean {
		for (const [oldest, at] of this.acceptedAt) {
			if (now - at < this.limits.windowMs) break;
			this.acceptedAt.delete(oldest);
		}
		if (this.acceptedAt.has(key)) return false;
		if (this.acceptedAt.size >= this.limits.capacity) this.acceptedAt.delete(this.acceptedAt.keys().next().value as string);
		this.acceptedAt.set(key, now);
		return true;
	}
}

const recentDeliveries = new RecentDeliveries();
