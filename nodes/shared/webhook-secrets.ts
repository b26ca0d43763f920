/**
 * Where a trigger's webhook secrets come from: never from workflow data. A registration stores only
 * non-secret material in node static data (n8n's conventional `webhookId`, `webhookUrl`,
 * `webhookEvents`, plus a random `nonce` and a `credentialFingerprint`). The signing secret (and
 * FlexyKey's X-Api-Key) are derived when needed, at registration and at every delivery, from the
 * credential's secret, which n8n keeps encrypted. A webhook process in queue mode has the
 * credential and the static data, so it derives the same values.
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	credentialFingerprint,
	deriveWebhookValue,
	hmacSha256Hex,
	randomHex,
	safeEqual,
	type DerivationScope,
} from './signature';

/** The static data both triggers keep about the registration they made. */
export interface WebhookState extends IDataObject {
	/** The vendor's id of the registration, when it gives one. */
	webhookId?: string;
	/** The callback URL registered. */
	webhookUrl?: string;
	/** The events registered. */
	webhookEvents?: string[];
	/** Random, per registration: an input of the derivation, useless without the credential. */
	nonce?: string;
	/** scrypt fingerprint of the credential's secret at registration (see `credentialFingerprint`). */
	credentialFingerprint?: string;
}

export interface WebhookKeys {
	/** The HMAC key the vendor signs deliveries with. */
	signingSecret: string;
	/** The value the vendor sends back in a header (FlexyKey's X-Api-Key). */
	apiKey: string;
}

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** Which credential field the webhook secrets are derived from. */
export interface CredentialSecretSpec {
	/** Credential type, e.g. `flexUnlockApi`. */
	type: string;
	/** The secret field, e.g. `apiKey` or `password`. */
	field: string;
	/** How the field is called in messages, e.g. `FlexUnlock credential's API key`. */
	label: string;
}

/** The credential's secret the webhook secrets are derived from; a clear error when it is empty. */
export async function credentialSecretOf(ctx: TriggerContext, spec: CredentialSecretSpec): Promise<string> {
	const credentials = await ctx.getCredentials(spec.type);
	const value = credentials[spec.field];
	if (typeof value === 'string' && value !== '') return value;
	throw new NodeOperationError(ctx.getNode(), `The ${spec.label} is empty`, {
		description: `The trigger derives its webhook secret from the ${spec.label}. Fill it in, then re-publish the workflow.`,
	});
}

function scopeOf(ctx: TriggerContext, nonce: string): DerivationScope {
	return { nonce, workflowId: String(ctx.getWorkflow().id ?? ''), nodeId: String(ctx.getNode().id ?? '') };
}

function deriveKeys(credentialSecret: string, scope: DerivationScope): WebhookKeys {
	return {
		signingSecret: deriveWebhookValue(credentialSecret, scope, 'signing'),
		apiKey: deriveWebhookValue(credentialSecret, scope, 'apiKey'),
	};
}

/**
 * Keys for a new registration, and the non-secret record to store for it. Each registration gets a
 * fresh nonce, so a re-registration never reuses the keys of the one before.
 */
export function issueKeys(
	ctx: IHookFunctions,
	credentialSecret: string,
): { keys: WebhookKeys; record: Required<Pick<WebhookState, 'nonce' | 'credentialFingerprint'>> } {
	const scope = scopeOf(ctx, randomHex(16));
	return {
		keys: deriveKeys(credentialSecret, scope),
		record: { nonce: scope.nonce, credentialFingerprint: credentialFingerprint(credentialSecret, scope) },
	};
}

/** What the stored registration verifies with. */
export type StoredKeys =
	| { found: true; keys: WebhookKeys }
	/** Nothing this node registered (or static data from before a failed save): nothing can verify. */
	| { found: false };

/**
 * The keys of the registration in static data, derived from its nonce. `issueKeys` always stores the
 * nonce with the credential fingerprint, so a record without both is not a registration of this node.
 */
export function storedKeys(ctx: TriggerContext, state: WebhookState, credentialSecret: string): StoredKeys {
	if (!isNonEmpty(state.nonce) || !isNonEmpty(state.credentialFingerprint)) return { found: false };
	return { found: true, keys: deriveKeys(credentialSecret, scopeOf(ctx, state.nonce)) };
}

const isNonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * scrypt is slow on purpose; a process answers the same question (this registration, this
 * credential secret) from memory after the first time, so forged deliveries cannot make it work
 * hard. The memo holds booleans under an HMAC of the inputs (never the secret) and is bounded.
 */
const fingerprintMemo = new Map<string, boolean>();
const FINGERPRINT_MEMO_SIZE = 256;

/**
 * Whether the credential differs from the one the registration was made with. Asked only about a
 * registration `storedKeys` found; static data without a record has nothing to compare (false).
 */
export function credentialChanged(ctx: TriggerContext, state: WebhookState, credentialSecret: string): boolean {
	const { nonce, credentialFingerprint: stored } = state;
	if (typeof nonce !== 'string' || typeof stored !== 'string') return false;
	const scope = scopeOf(ctx, nonce);
	const memoKey = hmacSha256Hex(credentialSecret, ['fingerprint-memo', stored, nonce, scope.workflowId, scope.nodeId].join('\n'));
	let matches = fingerprintMemo.get(memoKey);
	if (matches === undefined) {
		matches = safeEqual(stored, credentialFingerprint(credentialSecret, scope));
		if (fingerprintMemo.size >= FINGERPRINT_MEMO_SIZE) fingerprintMemo.delete(fingerprintMemo.keys().next().value as string);
		fingerprintMemo.set(memoKey, matches);
	}
	return !matches;
}

/** Removes every registration field (the shared ones and the trigger's `extraKeys`) from static data. */
export function forgetRegistration(state: IDataObject, extraKeys: readonly string[] = []): void {
	for (const key of ['webhookId', 'webhookUrl', 'webhookEvents', 'nonce', 'credentialFingerprint', ...extraKeys]) delete state[key];
}
