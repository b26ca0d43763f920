/**
 * Outgoing webhook deliveries, signed as the vendors do: lowercase hex HMAC-SHA256 of the raw body.
 * Every attempt is recorded so tests can see exactly what was sent and what the receiver answered.
 */
import { createHmac } from 'node:crypto';
import { request } from 'undici';

export interface Delivery {
	api: string;
	url: string;
	method: string;
	headers: Record<string, string>;
	body: string;
	status?: number;
	error?: string;
	at: string;
}

export function hmacHex(secret: string, body: string | Buffer): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

export class WebhookSender {
	readonly deliveries: Delivery[] = [];

	constructor(private readonly timeoutMs = 10_000) {}

	async deliver(api: string, url: string, method: string, headers: Record<string, string>, body: string): Promise<Delivery> {
		const delivery: Delivery = { api, url, method, headers, body, at: new Date().toISOString() };
		this.deliveries.push(delivery);
		try {
			const res = await request(url, {
				method: method as 'POST',
				headers: { 'content-type': 'application/json', 'user-agent': `${api}-simulator`, ...headers },
				body,
				headersTimeout: this.timeoutMs,
				bodyTimeout: this.timeoutMs,
			});
			delivery.status = res.statusCode;
			await res.body.dump();
		} catch (error) {
			delivery.error = (error as Error).message;
		}
		return delivery;
	}

	clear(): void {
		this.deliveries.length = 0;
	}
}
