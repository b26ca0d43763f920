/**
 * The FlexyKey API simulator (`/flexykey/v1`): HTTP Basic auth, a per-user rate limit, and the
 * route groups for units, control, unit information, ID entries, settings, sync, tools, webhooks,
 * logs and bookings. Behaviour the vendor doc does not state is marked `inferred` where it is coded.
 */
import type { SimContext } from '../core/context';
import { currentDialect, inferredRateHeaders } from '../core/dialect';
import { SimError } from '../core/errors';
import { Router } from '../core/http';
import { servePipeline, type ApiPipeline } from '../core/pipeline';
import { RateLimiter, rateHeadersIn } from '../core/rate-limit';
import type { SimApi } from '../core/server';
import { flexyKeyAdmin } from './admin';
import { authenticate, basicCredentials } from './auth';
import { OutputController } from './control';
import { errorReply } from './errors';
import { registerBookingRoutes } from './routes/bookings';
import { registerControlRoutes } from './routes/control';
import { entryView, registerIdEntryRoutes } from './routes/id-entries';
import { registerLogRoutes } from './routes/logs';
import { registerSettingRoutes, settingView } from './routes/settings';
import { registerSyncRoutes } from './routes/sync';
import { registerToolRoutes } from './routes/tools';
import { registerUnitInfoRoutes } from './routes/unit-info';
import { registerUnitRoutes } from './routes/units';
import { registerWebhookRoutes } from './routes/webhooks';
import { Runtime, type FkCaller } from './runtime';
import { buildControlStatus, type ControlStatus } from './status';
import { SyncService } from './sync';
import { isoUtc } from './time';
import type { IdEntry, LogFields, LogRow, SyncRecord, UnitSetting, WebhookConfig } from './types';
import { UnitInfoService } from './unit-info';
import { WebhookDispatcher } from './webhook-delivery';

export { buildControlStatus, type ControlStatus } from './status';
export type * from './types';

export interface RequestLogEntry {
	at: string;
	method: string;
	path: string;
	query: string;
	username: string | null;
	status: number;
}

export interface FlexyKeyApi extends SimApi {
	readonly name: 'flexykey';
	/** Every request received (also 401/429 ones), oldest first; cleared by `reset()`. */
	readonly requestLog: readonly RequestLogEntry[];
	/** ID entries of a unit as the API shows them (including rows marked for deletion). */
	entries(unitId: number): Array<Omit<IdEntry, 'revision'>>;
	settings(unitId: number): Array<ReturnType<typeof settingView>>;
	/** The unit's current control status (the `GET /Control` / webhook payload, `isCached: false`). */
	ioState(unitId: number): ControlStatus;
	syncs(unitId: number): SyncRecord[];
	webhookConfigs(unitId: number): WebhookConfig[];
	/**
	 * `count` access-log rows the unit writes, stamped evenly from `fromMs` to `toMs` (log bursts, the
	 * 500-row cap); `row` overrides their fields (the same text on every row: identical rows). Buffered
	 * while the unit is offline.
	 */
	addLogs(unitId: number, count: number, fromMs: number, toMs: number, row?: LogFields): void;
	/** The unit reports an input change (I1, IX1 …), as when a door contact opens. */
	setInput(unitId: number, globalNumber: string, state: 'ON' | 'OFF'): void;
	/**
	 * Marks a unit offline: it stops acting on commands, answering CHECKs, and syncs to it fail; the
	 * log rows it writes meanwhile (access, inputs, outputs) stay in its buffer, not in `GET /Logs`.
	 * Back online, it uploads the buffer: the rows appear with their original (older) times and new ids.
	 * `uploadBuffer: false` brings it back reporting live rows first; the buffer follows with a later
	 * `setUnitOnline(unitId, true)`.
	 */
	setUnitOnline(unitId: number, online: boolean, options?: { uploadBuffer?: boolean }): void;
	/** Log rows written by offline units and not uploaded yet. */
	bufferedLogs(unitId: number): Array<Omit<LogRow, 'logId'>>;
	/** Resolves when every background webhook delivery has settled. */
	flush(): Promise<void>;
	/** 429 answers since the last reset. */
	readonly rateLimited: number;
}

function applyRateLimit(ctx: SimContext, limiter: RateLimiter, key: string): Record<string, string> {
	const knob = ctx.config.flexykey.rateLimit;
	if (knob.mode === 'off') return {};
	// inferred: FlexyKey documents no plans, so `plan` behaves as `fixed`
	limiter.config = { limit: knob.limit, windowMs: knob.windowMs };
	const decision = limiter.take(key);
	const headers = rateHeadersIn(ctx.config.rateLimitHeaders, decision, ctx.clock.now()) ?? inferredRateHeaders(currentDialect(ctx.config.dialect), decision, ctx.clock.now());
	if (!decision.allowed) {
		throw new SimError(429, `Rate limit exceeded: retry after ${decision.retryAfterSeconds} seconds`, headers);
	}
	return headers;
}

export function createFlexyKeyApi(ctx: SimContext): FlexyKeyApi {
	const rt = new Runtime(ctx);
	const dispatcher = new WebhookDispatcher(rt);
	const outputs = new OutputController(rt, dispatcher);
	const unitInfo = new UnitInfoService(rt, dispatcher);
	const syncs = new SyncService(rt);
	const limiter = new RateLimiter({ limit: 0, windowMs: 60_000 }, () => ctx.clock.now());
	const requestLog: RequestLogEntry[] = [];

	const router = new Router();
	registerUnitRoutes(router, rt);
	registerControlRoutes(router, rt, outputs);
	registerUnitInfoRoutes(router, rt, unitInfo);
	registerIdEntryRoutes(router, rt);
	registerSettingRoutes(router, rt);
	registerSyncRoutes(router, rt, syncs);
	registerToolRoutes(router, rt);
	registerWebhookRoutes(router, rt, dispatcher);
	registerLogRoutes(router, rt);
	registerBookingRoutes(router, rt);

	const pipeline: ApiPipeline<FkCaller> = {
		faults: () => ctx.config.faults,
		// inferred: the limit is counted per claimed username (or anonymous) before authentication
		identify: (req) => ({ claimed: basicCredentials(req.headers)?.username }),
		rateLimit: (caller) => applyRateLimit(ctx, limiter, caller.claimed ?? 'anonymous'),
		admit: (req, caller) => ({ ...caller, user: authenticate(basicCredentials(req.headers)) }),
		router,
		// inferred: 405 with Allow for a known path and another method, 404 otherwise
		unrouted: (req, allowed) =>
			allowed.length > 0
				? new SimError(405, `Method ${req.method} is not allowed on ${req.path}`, { Allow: allowed.join(', ') })
				: new SimError(404, `No endpoint ${req.method} ${req.path}`),
		errorReply: (error: SimError) => errorReply(error.status, error.message, error.headers, rt.dialect()),
		record: (req, caller, status) =>
			requestLog.push({
				at: isoUtc(ctx.clock.now()),
				method: req.method,
				path: req.path,
				query: req.query.toString(),
				username: caller?.claimed ?? null,
				status,
			}),
	};
	const handle = servePipeline(pipeline);

	const unitRecord = (unitId: number) => {
		const record = rt.state.units.find((candidate) => candidate.unit.unitId === unitId);
		if (!record) throw new Error(`unknown FlexyKey unit ${unitId}`);
		return record;
	};

	const setUnitOnline = (unitId: number, online: boolean, { uploadBuffer = true } = {}) => {
		unitRecord(unitId).online = online;
		if (online && uploadBuffer) rt.uploadLogBuffer(unitId);
	};
	const addLogs = (unitId: number, count: number, fromMs: number, toMs: number, row: LogFields = {}) => {
		unitRecord(unitId);
		const step = count > 1 ? (toMs - fromMs) / (count - 1) : 0;
		for (let i = 0; i < count; i++) {
			const idNumber = `+4670${String(1_000_000 + i).slice(1)}`;
			rt.unitLog({ unitId, eventType: 'access', message: `Access granted to ${idNumber}`, idNumber, outputNumber: 'F1', ...row }, Math.round(fromMs + i * step));
		}
	};
	const bufferedLogs = (unitId: number) => rt.state.logBuffer.filter((row) => row.unitId === unitId);

	return {
		name: 'flexykey',
		handle,
		requestLog,
		get rateLimited() {
			return limiter.rejected;
		},
		entries: (unitId) => rt.state.idEntries.filter((entry) => entry.unitId === unitId).map(entryView),
		settings: (unitId) => rt.state.settings.filter((row: UnitSetting) => row.unitId === unitId).map(settingView),
		ioState: (unitId) => buildControlStatus(unitRecord(unitId).unit, rt.state.io[unitId], { isCached: false }),
		syncs: (unitId) => rt.state.syncs.filter((sync) => sync.unitId === unitId),
		webhookConfigs: (unitId) => rt.state.webhooks.filter((hook) => hook.unitId === unitId),
		addLogs,
		setInput(unitId, globalNumber, state) {
			outputs.reportInput(unitRecord(unitId).unit.unitId, globalNumber, state);
		},
		setUnitOnline,
		bufferedLogs,
		admin: (req) =>
			flexyKeyAdmin(
				{ hasUnit: (unitId) => rt.state.units.some((record) => record.unit.unitId === unitId), setUnitOnline, bufferedLogRows: (unitId) => bufferedLogs(unitId).length, addLogs },
				req,
			),
		flush: () => dispatcher.flush(),
		state() {
			return JSON.parse(
				JSON.stringify({
					...rt.state,
					counters: { requests: requestLog.length, rateLimited: limiter.rejected, pendingTimers: rt.timers.size },
				}),
			) as unknown;
		},
		reset() {
			rt.reseed();
			outputs.reset();
			syncs.reset();
			limiter.reset();
			requestLog.length = 0;
		},
		dispose() {
			rt.timers.clear();
		},
	};
}
