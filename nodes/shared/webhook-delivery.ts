/**
 * The one delivery pipeline of both webhook triggers (`receiveSigned`): read the raw body, verify it
 * with keys derived from the registration in static data and the credential, parse it, let the
 * trigger accept, acknowledge or refuse what the signed body says, and start an execution with the
 * body plus `_webhook` (signed facts and labelled hints). It relies only on static data, node
 * parameters and the credential, so any n8n process can run it.
 *
 * Every verified delivery the trigger accepts is handed to n8n to run, repeats included. There is no
 * replay guard here on purpose: a webhook function returns the execution's data before n8n has
 * created the execution, so it cannot know whether the execution started. A guard remembering the
 * body at this point would acknowledge the vendor's redelivery of a delivery n8n failed to start
 * (answered 5xx) and the event would be lost; its memory would also be one process's only, not
 * shared by queue-mode webhook processes. Dropping duplicates is the workflow's choice, with n8n's
 * Remove Duplicates node after the trigger (persisted in n8n's database, shared by every process;
 * docs/triggers.md).
 */
import type { IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { credentialChanged, storedKeys, type WebhookKeys, type WebhookState } from './webhook-secrets';
import { parseJsonObject, rawBodyOf, refuse, unauthorized } from './webhook-request';

/** What to do with a delivery whose signature verified. */
export type Acceptance = 'run' | 'acknowledge' | 'refuse';

export interface SignedDeliveryRules {
	/** The node's static data (the registration it made). */
	state: WebhookState;
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
		credentialSecret = await recentCredentialSecret(ctx, rules);
	} catch (error) {
		warnOnce(ctx, 'credential', `cannot verify webhook deliveries: ${(error as Error).message}. Deliveries are answered 503 (try again later) until the credential can be read.`);
		return 'unavailable';
	}
	const stored = storedKeys(ctx, rules.state, credentialSecret);
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

/**
 * The credential's secret, read at most once a minute per registration and process; deliveries arriving
 * while it is read share the read. Reading it is the dearest part of a delivery under a burst: in n8n
 * 2.40 each read is a database query plus, in the default vm expression engine, an expression isolate
 * created and disposed to resolve credential expressions (docs/queue-mode.md, Figures). The entry is found
 * by workflow, node, the registration's nonce and the node's credential references, so a re-publish (new
 * nonce) or another credential chosen misses it at once; a credential edited in place is read again
 * within `SECRET_TTL_MS`. Until then deliveries signed with the registered secret still verify: they are
 * genuine, since the vendor signs with that secret until the workflow is re-published. A failed read is
 * not kept (the next delivery reads again). Nothing in a request chooses the entry, so forged deliveries
 * can neither fill nor evict it.
 */
export const SECRET_TTL_MS = 60_000;
const SECRET_CACHE_SIZE = 256;
const secretReads = new Map<string, { readAt: number; secret: Promise<string> }>();

function recentCredentialSecret(ctx: IWebhookFunctions, rules: SignedDeliveryRules): Promise<string> {
	const node = ctx.getNode();
	const key = [ctx.getWorkflow().id ?? '', node.id ?? '', String(rules.state.nonce ?? ''), JSON.stringify(node.credentials ?? {})].join('\n');
	const now = Date.now();
	const cached = secretReads.get(key);
	if (cached && now - cached.readAt < SECRET_TTL_MS) return cached.secret;
	const entry = { readAt: now, secret: rules.credentialSecret() };
	if (secretReads.size >= SECRET_CACHE_SIZE) secretReads.delete(secretReads.keys().next().value as string);
	secretReads.set(key, entry);
	entry.secret.catch(() => {
		if (secretReads.get(key) === entry) secretReads.delete(key);
	});
	return entry.secret;
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

/**
 * The triggers' notice on repeated deliveries: each runs every accepted delivery (see above), so the
 * editor tells the user where duplicates are dropped; `identity` names, in words, the fields an event
 * is known by.
 */
export function repeatedDeliveriesNotice(identity: string): INodeProperties {
	return {
		displayName: `Each delivery this trigger accepts starts the workflow, a repeat of the same event too: a delivery n8n could not start is answered with an error and runs when it is sent again. To act on each event once, put n8n's Remove Duplicates node after this trigger: Operation "Remove Items Processed in Previous Executions", Value to Dedupe On ${identity}.`,
		name: 'repeatedDeliveriesNotice',
		type: 'notice',
		default: '',
	};
}
