/**
 * FlexUnlock API simulator, served under `/flexunlock/v1`.
 *
 * Documented (seed doc + API-NOTES A): Bearer API keys, `POST /unlock/check {imei, carrier}` and its
 * response shape, `{"error": "..."}` errors (400 "Invalid IMEI number", 401 "Invalid API key"),
 * per-plan rate limits with `X-RateLimit-*` headers and 429 + `Retry-After`, `POST /webhooks
 * {url, events, secret}`, the four `unlock.*` events, the delivery body and `X-FlexUnlock-Signature`.
 * Everything else is marked `// inferred:` (API-NOTES B or a decision made here).
 */
import type { SimContext } from '../core/context';
import { SimError } from '../core/errors';
import { bearerToken, Router } from '../core/http';
import { servePipeline, type ApiPipeline } from '../core/pipeline';
import { AccountRequestLog, type AccountRequestLogEntry } from '../core/request-log';
import { KnobLimiter, rateHeadersIn, type RateDecision } from '../core/rate-limit';
import type { SimApi } from '../core/server';
import { flexUnlockKeys } from '../demo-credentials';
import { flexUnlockFixtures, type OrderStatus } from './catalogue';
import { errorReply, fail } from './errors';
import { registerUnlockRoutes } from './routes/unlock';
import { registerWebhookRoutes, webhookView } from './routes/webhooks';
import { FlexUnlockRuntime, type AccountName, type FlexUnlockOrder, type FlexUnlockWebhook, type SignedEvent } from './runtime';

export { flexUnlockFixtures } from './catalogue';
export { isValidImei, withLuhn } from '../core/imei';
export type { OrderStatus } from './catalogue';
export { flexUnlockTime, type FlexUnlockOrder, type FlexUnlockWebhook, type SignedEvent } from './runtime';
export { WEBHOOK_EVENTS as FLEXUNLOCK_EVENTS, type FlexUnlockEvent } from './schemas';

export type { AccountRequestLogEntry as RequestLogEntry } from '../core/request-log';

export interface FlexUnlockApi extends SimApi {
	readonly name: 'flexunlock';
	/** 429s answered since start or the last reset. */
	readonly rateLimited: number;
	/** Every request answered (newest last, capped at 10,000). */
	readonly requests: readonly AccountRequestLogEntry[];
	readonly orders: ReadonlyMap<string, FlexUnlockOrder>;
	readonly webhooks: ReadonlyMap<string, FlexUnlockWebhook>;
	/** Steps an order at once (created → processing → completed/failed); returns its new status. */
	advanceOrder(orderId: string): OrderStatus;
	/** `count` distinct signed `unlock.completed` events per registered webhook, not sent (see the runtime's `signedBurst`). */
	signedBurst(count: number): SignedEvent[];
	/** Resolves when every webhook delivery started so far has been answered (or failed). */
	flush(): Promise<void>;
}
const DAY_MS = 86_400_000;

const accountsByKey = new Map<string, AccountName>(
	(Object.keys(flexUnlockKeys) as AccountName[]).map((name) => [flexUnlockKeys[name].key, name]),
);

export function createFlexUnlockApi(ctx: SimContext): FlexUnlockApi {
	const rt = new FlexUnlockRuntime(ctx);
	const minute = new KnobLimiter(() => ctx.clock.now());
	const day = new KnobLimiter(() => ctx.clock.now());
	const log = new AccountRequestLog(() => ctx.clock.now());
	let rateLimited = 0;

	function tooMany(headers: Record<string, string>): SimError {
		rateLimited++;
		return fail(429, 'Rate limit exceeded', headers);
	}

	/** The per-minute plan limit, then (in `plan` mode) the daily quota. */
	function rateLimit(account: AccountName): Record<string, string> {
		const knob = ctx.config.flexunlock.rateLimit;
		// A changed knob starts fresh windows for both limits.
		if (minute.follow(knob)) day.reset();
		const plan = flexUnlockKeys[account];
		const perMinute = minute.take(knob, account, { limit: plan.perMinute, windowMs: 60_000 });
		if (!perMinute) return {};
		const inForm = (decision: RateDecision) => rateHeadersIn(ctx.config.rateLimitHeaders, decision, ctx.clock.now()) ?? decision.headers;
		if (!perMinute.allowed) throw tooMany(inForm(perMinute));
		if (knob.mode === 'plan') {
			// inferred: the documented daily quota answers 429 like the minute limit, with the
			// daily window's headers and a Retry-After up to the end of that 24-hour window
			const perDay = day.take(knob, account, { limit: plan.perDay, windowMs: DAY_MS });
			if (perDay && !perDay.allowed) throw tooMany(inForm(perDay));
		}
		return inForm(perMinute);
	}

	const router = new Router();
	registerUnlockRoutes(router, rt);
	registerWebhookRoutes(router, rt);

	const pipeline: ApiPipeline<AccountName> = {
		faults: () => ctx.config.faults,
		identify(req) {
			const account = accountsByKey.get(bearerToken(req.headers) ?? '');
			// inferred: no rate-limit headers without a recognised key (limits are per key)
			if (!account) throw fail(401, 'Invalid API key');
			return account;
		},
		rateLimit,
		router,
		// inferred: unknown paths 404, known paths with another method 405
		unrouted: (_req, allowed) => (allowed.length > 0 ? fail(405, 'Method not allowed', { Allow: allowed.join(', ') }) : fail(404, 'Not found')),
		errorReply,
		record: log.record,
	};

	return {
		name: 'flexunlock',
		handle: servePipeline(pipeline),
		get rateLimited() {
			return rateLimited;
		},
		get requests() {
			return log.entries;
		},
		get orders() {
			return rt.orders;
		},
		get webhooks() {
			return rt.webhooks;
		},
		signedBurst(count) {
			return rt.signedBurst(count, flexUnlockFixtures.eligibleImei);
		},
		// `POST /_sim/flexunlock/burst {"count": N}`: a burst of distinct, genuinely signed events for the caller to send at once.
		admin(req) {
			if (req.method !== 'POST' || req.path !== '/burst') return undefined;
			const count = Number((req.body as { count?: unknown } | undefined)?.count);
			if (!Number.isInteger(count) || count < 1 || count > 10_000) return { status: 400, body: { error: 'count must be a whole number from 1 to 10000' } };
			return { status: 200, body: rt.signedBurst(count, flexUnlockFixtures.eligibleImei) };
		},

		state() {
			return {
				orders: [...rt.orders.values()].map((order) => ({
					...order,
					createdAt: new Date(order.createdAt).toISOString(),
					completedAt: order.completedAt === undefined ? undefined : new Date(order.completedAt).toISOString(),
				})),
				// secrets stay out of the state snapshot too
				webhooks: [...rt.webhooks.values()].map((hook) => ({ account: hook.account, ...webhookView(hook) })),
				rateLimited,
				requestCount: log.entries.length,
				pendingDeliveries: rt.pending.size,
			};
		},

		reset() {
			rt.seed();
			log.clear();
			rateLimited = 0;
			minute.reset();
			day.reset();
		},

		dispose() {
			rt.stopTimers();
		},

		advanceOrder: (orderId) => rt.advance(orderId),
		flush: () => rt.flush(),
	};
}
