/**
 * Outgoing `control.statusChanged` calls: the Control status payload, signed with the configured
 * secret, with the doc's headers. Event deliveries run in the background; `flush()` awaits them.
 */
import type { Dialect } from '../core/dialect';
import { hmacHex, type Delivery } from '../core/webhooks';
import { controlStatus } from './dialects';
import type { Runtime } from './runtime';
import { buildControlStatus } from './status';
import type { WebhookConfig } from './types';

export const STATUS_CHANGED = 'control.statusChanged';
export const WEBHOOK_EVENTS: readonly string[] = [STATUS_CHANGED];

export function webhookHeaders(config: WebhookConfig, body: string, test: boolean, dialect: Dialect = 'a'): Record<string, string> {
	const headers: Record<string, string> = { 'X-Event': config.event, 'X-UnitId': String(config.unitId) };
	if (test) headers['X-Webhook-Test'] = '1';
	if (config.apiKey) headers['X-Api-Key'] = config.apiKey;
	// inferred: lowercase hex HMAC-SHA256 of the raw body, no prefix (API-NOTES B); b writes it as
	// GitHub does (`sha256=` and the hex), another plausible reading of the same HMAC
	if (config.secret) headers['X-Signature'] = `${dialect === 'b' ? 'sha256=' : ''}${hmacHex(config.secret, body)}`;
	return headers;
}

export class WebhookDispatcher {
	private readonly pending = new Set<Promise<unknown>>();

	constructor(private readonly rt: Runtime) {}

	find(unitId: number, event: string): WebhookConfig | undefined {
		return this.rt.state.webhooks.find((hook) => hook.unitId === unitId && hook.event === event);
	}

	/**
	 * One delivery of the unit's current status to `config`, awaited. It is in the configured dialect,
	 * not the triggering request's: a delivery always goes to the receiver under test, even when a test's
	 * set-up call (sent in dialect `a`) is what changed the IO.
	 */
	sendStatus(config: WebhookConfig, options: { test: boolean; isCached: boolean }): Promise<Delivery> {
		const record = this.rt.state.units.find((candidate) => candidate.unit.unitId === config.unitId)!;
		const status = buildControlStatus(record.unit, this.rt.state.io[config.unitId], { isCached: options.isCached });
		const dialect = this.rt.ctx.config.dialect;
		const body = JSON.stringify(controlStatus(dialect, status));
		return this.rt.ctx.webhooks.deliver('flexykey', config.callbackUrl, config.httpMethod, webhookHeaders(config, body, options.test, dialect), body);
	}

	/** An ASTAT message arrived from the unit: notify its active webhook without waiting for it. */
	statusChanged(unitId: number): void {
		const config = this.find(unitId, STATUS_CHANGED);
		if (!config || config.isActive !== 1) return;
		const delivery = this.sendStatus(config, { test: false, isCached: false });
		this.pending.add(delivery);
		void delivery.finally(() => this.pending.delete(delivery));
	}

	/** Resolves once every background delivery started so far (and any they started) has settled. */
	async flush(): Promise<void> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
	}
}
