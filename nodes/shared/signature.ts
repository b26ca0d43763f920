/**
 * Webhook cryptography, written once: signature checks (lowercase hex HMAC-SHA256 of the raw body,
 * compared in constant time), the random nonce of a registration, the webhook secrets derived from
 * a credential's secret, and the credential fingerprint that tells a changed credential apart.
 */
import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export function hmacSha256Hex(key: string, data: Buffer | string): string {
	return createHmac('sha256', key).update(data).digest('hex');
}

/**
 * True only when `provided` is the hex HMAC of `rawBody` under `secret`. Accepts an optional
 * `sha256=` prefix and upper-case hex; anything else (missing, wrong length, not hex) is false.
 */
export function verifyHmacSignature(secret: string, rawBody: Buffer | string, provided: unknown): boolean {
	if (!secret || typeof provided !== 'string') return false;
	const candidate = provided.trim().replace(/^sha256=/i, '').toLowerCase();
	if (!/^[0-9a-f]{64}$/.test(candidate)) return false;
	const expected = Buffer.from(hmacSha256Hex(secret, rawBody), 'hex');
	return timingSafeEqual(expected, Buffer.from(candidate, 'hex'));
}

/** Constant-time equality for shared secrets such as an API key header. */
export function safeEqual(expected: string, provided: unknown): boolean {
	if (typeof provided !== 'string') return false;
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(provided, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Random bytes as hex: a registration's nonce (not a secret: it is useless without the credential). */
export function randomHex(bytes = 16): string {
	return randomBytes(bytes).toString('hex');
}

/**
 * What a derived value is bound to: the registration's nonce, the workflow and the node. Another
 * workflow, another node or a new registration (new nonce) derives other values.
 */
export interface DerivationScope {
	nonce: string;
	workflowId: string;
	nodeId: string;
}

/** What a derived value is for; each purpose derives an unrelated value from the same inputs. */
export type DerivedPurpose = 'signing' | 'apiKey';

const scopeText = (label: string, scope: DerivationScope): string =>
	['n8n-nodes-device-access', label, scope.nonce, scope.workflowId, scope.nodeId].join('\n');

/** HMAC-SHA256 over (purpose, nonce, workflow id, node id), keyed with the credential's secret: 64 hex. */
export function deriveWebhookValue(credentialSecret: string, scope: DerivationScope, purpose: DerivedPurpose): string {
	return hmacSha256Hex(credentialSecret, scopeText(`webhook-${purpose}`, scope));
}

/**
 * A non-reversible fingerprint of the credential's secret, salted with the scope: stored to notice
 * that the credential changed. scrypt makes guessing the secret from it (whoever can read the
 * workflow can read it) as slow as from a password hash; 8 bytes are plenty to tell two secrets apart.
 */
export function credentialFingerprint(credentialSecret: string, scope: DerivationScope): string {
	return scryptSync(credentialSecret, scopeText('credential-fingerprint', scope), 8, { N: 1 << 14, r: 8, p: 1 }).toString('hex');
}
