/** Webhook signature checks: lowercase hex HMAC-SHA256 of the raw body, compared in constant time. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function hmacSha256Hex(secret: string, rawBody: Buffer | string): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
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

/** A fresh webhook secret: 32 random bytes as hex. */
export function newSecret(bytes = 32): string {
	return randomBytes(bytes).toString('hex');
}
