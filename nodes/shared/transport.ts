/**
 * The request core under the three services' transports: base URL from the credential,
 * `httpRequestWithAuthentication`, pacing, bounded retries, and vendor errors turned into
 * `NodeApiError`s that carry the vendor's message and the HTTP status, never credential values.
 */
import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { ItemScope } from './run-scope';
import { pacerFor, RateLimitWaitError, type Pacer, type PacerTicket } from './rate-limit';
import { parseRateLimitHeaders, retryDelayMs, snapshot } from './rate-limit-headers';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

export interface VendorError {
	message?: string;
	code?: string;
}

export interface ServiceSpec {
	/** Shown in error messages, e.g. `FlexUnlock`. */
	readonly name: string;
	readonly credentialType: string;
	/** Reads the vendor's own error message out of an error body. */
	readonly parseError: (body: unknown) => VendorError;
}

export interface ApiCall {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, starting with `/`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * A read (or a check that acts on nothing and costs nothing): sending it twice cannot act twice,
	 * so it is retried after any transient failure, even one after which the server may have
	 * processed it (500, connection reset, timeout).
	 */
	idempotent?: boolean;
	/**
	 * A pure check that is billed or recorded per call (CekSafe's IMEI check): retried when the
	 * server cannot have processed it (502/503/504, connection refused, 429), never after it may
	 * have (500, reset after sending, timeout).
	 */
	check?: boolean;
	timeoutMs?: number;
}

export interface ApiResponse<T> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

export const RETRY_LIMITS = {
	/** 429 answers waited out per call before giving up. */
	rateLimited: 8,
	/** Retries per call after transient failures (5xx, refused, reset, timeout), where the call's kind allows. */
	transient: 3,
	/** Most time spent in backoff waits for transient failures per call (Retry-After included). */
	maxTransientWaitMs: 20_000,
	/** First backoff; each next one doubles, with jitter. */
	backoffBaseMs: 250,
	/**
	 * Longest rate-limit wait (a 429's `Retry-After`, or a spent window's reset) sat out inside an
	 * execution. inferred: anything longer (a daily quota) fails the item at once with the reset time.
	 */
	maxRateLimitWaitMs: 300_000,
};

const DEFAULT_TIMEOUT_MS = 30_000;

/** Connection errors where the request never reached the server, so repeating it is always safe. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// Any other connection error (reset, timeout, socket closed) may come after the server acted.
/**
 * Statuses saying the server (or the gateway in front of it) did not process the request: the
 * service is unavailable or overloaded. inferred: the vendors do not say; this is the usual reading.
 */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** Words for connection error codes: n8n replaces any error message that contains the raw code. */
const CONNECTION_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ECONNRESET: 'connection reset',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'connection aborted',
	EPIPE: 'connection closed while sending',
	UND_ERR_SOCKET: 'connection closed',
};

export async function apiRequest<T = IDataObject>(
	this: RequestContext,
	spec: ServiceSpec,
	call: ApiCall,
	item?: ItemScope,
): Promise<T> {
	return (await apiRequestFull.call(this, spec, call, item)).body as T;
}

/** Everything one call needs across its attempts. */
interface CallState {
	ctx: RequestContext;
	spec: ServiceSpec;
	call: ApiCall;
	item?: ItemScope;
	baseUrl: string;
	pacer: Pacer;
	signal?: AbortSignal;
	options: IHttpRequestOptions;
	authentication: IAdditionalCredentialOptions;
	rateLimited: number;
	transient: number;
	transientWaitMs: number;
}

/** What one attempt came to. */
type Outcome =
	| { kind: 'ok'; response: IN8nHttpFullResponse }
	/** 429: the server did not act; wait `waitMs`. */
	| { kind: 'rateLimited'; response: IN8nHttpFullResponse; waitMs: number }
	/** 502/503/504: not processed; the server may say when to come back. */
	| { kind: 'unavailable'; response: IN8nHttpFullResponse; retryAfterMs?: number }
	/** Another 5xx: the server may have acted. */
	| { kind: 'serverError'; response: IN8nHttpFullResponse }
	| { kind: 'clientError'; response: IN8nHttpFullResponse }
	/** The request never reached the server. */
	| { kind: 'notSent'; code: string; error: unknown }
	/** The connection failed after the request may have reached the server. */
	| { kind: 'maybeSent'; code: string; error: unknown };

/**
 * One API call: acquire a slot from the key's pacer, send, classify the answer, and either return
 * it, wait and go again (where the call's kind allows), or fail with one complete error.
 */
export async function apiRequestFull<T = unknown>(
	this: RequestContext,
	spec: ServiceSpec,
	call: ApiCall,
	item?: ItemScope,
): Promise<ApiResponse<T>> {
	const state = await prepare(this, spec, call, item);
	for (;;) {
		const ticket = await acquire(state);
		const outcome = classify(await send(state, ticket));
		if (outcome.kind === 'ok') {
			const headers = outcome.response.headers as ApiResponse<T>['headers'];
			return { statusCode: outcome.response.statusCode, headers, body: jsonBody(state, outcome.response) as T };
		}
		if (outcome.kind === 'rateLimited') state.pacer.block(outcome.waitMs, ticket);
		const waitMs = nextWait(state, outcome);
		if (waitMs === undefined) throw failure(state, outcome);
		await wait(state, waitMs);
	}
}

async function prepare(ctx: RequestContext, spec: ServiceSpec, call: ApiCall, item?: ItemScope): Promise<CallState> {
	const { baseUrl, pacerKey, authentication } = await credentialScope(ctx, spec, item);
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${baseUrl}${call.path}`,
		qs: call.qs && dropEmpty(call.qs),
		body: call.body,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	};
	if (call.body === undefined) delete options.body;
	return {
		ctx,
		spec,
		call,
		item,
		baseUrl,
		pacer: pacerFor(pacerKey),
		signal: 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined,
		options,
		authentication,
		rateLimited: 0,
		transient: 0,
		transientWaitMs: 0,
	};
}

/** Step 1: a slot under the key's rate limit. Nothing is sent if it fails. */
async function acquire(state: CallState): Promise<PacerTicket> {
	try {
		return await state.pacer.acquire({ signal: state.signal, maxWaitMs: RETRY_LIMITS.maxRateLimitWaitMs, refused: state.rateLimited });
	} catch (error) {
		if (error instanceof RateLimitWaitError) throw rateLimitWaitError(state, error);
		// Cancelled while waiting for the rate limit: nothing was sent.
		throw new NodeOperationError(state.ctx.getNode(), error as Error, { itemIndex: state.item?.index });
	}
}

/** Step 2: one HTTP attempt; the pacer hears what the server said about its limit. */
async function send(state: CallState, ticket: PacerTicket): Promise<IN8nHttpFullResponse | { failed: unknown }> {
	const { ctx, spec, options, authentication, pacer, item } = state;
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, spec.credentialType, options, authentication)) as IN8nHttpFullResponse;
		const limits = parseRateLimitHeaders(response.headers as ApiResponse<unknown>['headers']);
		pacer.release(limits, ticket, response.statusCode === 429);
		const rate = snapshot(limits);
		if (item && rate) item.rateLimit = rate;
		if (item && response.statusCode === 429) item.throttled = (item.throttled ?? 0) + 1;
		return response;
	} catch (error) {
		pacer.release(undefined, ticket);
		return { failed: error };
	}
}

/** Step 3: what the attempt means for retrying. */
function classify(result: IN8nHttpFullResponse | { failed: unknown }): Outcome {
	if ('failed' in result) {
		const code = errorCode(result.failed);
		return NOT_SENT_CODES.has(code) ? { kind: 'notSent', code, error: result.failed } : { kind: 'maybeSent', code, error: result.failed };
	}
	const status = result.statusCode;
	const headers = result.headers as ApiResponse<unknown>['headers'];
	if (status === 429) return { kind: 'rateLimited', response: result, waitMs: retryDelayMs(headers, Date.now()) };
	if (UNAVAILABLE_STATUSES.has(status)) return { kind: 'unavailable', response: result, retryAfterMs: retryAfterMs(headers, Date.now()) };
	if (status >= 500) return { kind: 'serverError', response: result };
	if (status >= 400) return { kind: 'clientError', response: result };
	return { kind: 'ok', response: result };
}

/** Whether this kind of call may be sent again after this outcome. */
function mayRepeat(call: ApiCall, outcome: Outcome): boolean {
	switch (outcome.kind) {
		case 'rateLimited':
		case 'notSent':
			return true; // the server did not act
		case 'unavailable':
			return call.idempotent === true || call.check === true;
		case 'serverError':
		case 'maybeSent':
			return call.idempotent === true;
		default:
			return false;
	}
}

/** Step 4a: how long to wait before the next attempt, or undefined to give up. */
function nextWait(state: CallState, outcome: Outcome): number | undefined {
	if (!mayRepeat(state.call, outcome)) return undefined;
	if (outcome.kind === 'rateLimited') {
		if (state.rateLimited++ >= RETRY_LIMITS.rateLimited || outcome.waitMs > RETRY_LIMITS.maxRateLimitWaitMs) return undefined;
		return 0; // the pacer holds every request on the key until Retry-After has passed
	}
	if (state.transient >= RETRY_LIMITS.transient) return undefined;
	const backoff = backoffMs(state.transient + 1);
	const waitMs = outcome.kind === 'unavailable' && outcome.retryAfterMs !== undefined ? Math.max(outcome.retryAfterMs, backoff) : backoff;
	if (state.transientWaitMs + waitMs > RETRY_LIMITS.maxTransientWaitMs) return undefined;
	state.transient++;
	state.transientWaitMs += waitMs;
	return waitMs;
}

/** Step 4b: sit out the wait, stopping early if the execution is cancelled. */
async function wait(state: CallState, ms: number): Promise<void> {
	let left = ms;
	while (left > 0) {
		if (state.signal?.aborted) {
			throw new NodeOperationError(state.ctx.getNode(), `${state.spec.name}: the execution was cancelled while waiting to retry ${state.call.method} ${state.call.path}`, {
				itemIndex: state.item?.index,
			});
		}
		const slice = Math.min(left, 1000);
		await sleep(slice);
		left -= slice;
	}
}

/** Exponential backoff with jitter: 50–100 % of base × 2^(attempt − 1). */
function backoffMs(attempt: number): number {
	const ceiling = RETRY_LIMITS.backoffBaseMs * 2 ** (attempt - 1);
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** A `Retry-After` header alone (no fallback), in ms. */
function retryAfterMs(headers: ApiResponse<unknown>['headers'], now: number): number | undefined {
	const raw = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
	if (raw === undefined) return undefined;
	return retryDelayMs({ 'retry-after': raw }, now, 0, 0);
}

interface CredentialScope {
	baseUrl: string;
	/** One pacer per credential and base URL. */
	pacerKey: string;
	/** The decrypted credential, handed to every request of the run (see `credentialScope`). */
	authentication: IAdditionalCredentialOptions;
}

/**
 * The credential, read once per node run rather than once per request: n8n reads a credential
 * from its database and decrypts it on every `getCredentials`, and `httpRequestWithAuthentication`
 * does that for each request unless it is handed the decrypted credential. The credential's
 * `authenticate` still runs per request. Action items keep it in the execution's memo; triggers and
 * list/option methods (a call or two each) read it per call.
 */
function credentialScope(ctx: RequestContext, spec: ServiceSpec, item?: ItemScope): Promise<CredentialScope> {
	const read = () => readCredentialScope(ctx, spec);
	return item ? item.memo.once(`credential:${spec.credentialType}`, read) : read();
}

async function readCredentialScope(ctx: RequestContext, spec: ServiceSpec): Promise<CredentialScope> {
	const credentials = await ctx.getCredentials(spec.credentialType);
	const raw = String(credentials.baseUrl ?? '').trim();
	if (!/^https?:\/\//i.test(raw)) {
		throw new NodeApiError(ctx.getNode(), {} as JsonObject, {
			message: `The ${spec.name} credential's Base URL must start with http:// or https://`,
		});
	}
	const baseUrl = raw.replace(/\/+$/, '');
	const reference = ctx.getNode().credentials?.[spec.credentialType];
	const id = reference?.id ?? 'inline';
	return {
		baseUrl,
		pacerKey: `${spec.credentialType}|${id}|${baseUrl}`,
		authentication: {
			credentialsDecrypted: { id, name: reference?.name ?? spec.credentialType, type: spec.credentialType, data: credentials },
		},
	};
}

function dropEmpty(qs: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(qs).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

function errorCode(error: unknown): string {
	const candidate = error as { code?: string; cause?: { code?: string } };
	return String(candidate?.code ?? candidate?.cause?.code ?? '');
}

/**
 * The parsed body of a success answer. The HTTP client hands back a string when a body announced
 * as JSON does not parse: that is a broken answer, not data to pass downstream.
 */
function jsonBody(state: CallState, response: IN8nHttpFullResponse): unknown {
	const { body } = response;
	if (typeof body !== 'string') return body;
	if (body.trim() === '') return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		const { spec, call } = state;
		return throwError(
			apiError(state, { body: body.slice(0, 200) }, {
				message: `${spec.name}: the service's answer is not valid JSON (HTTP ${response.statusCode})`,
				description: call.idempotent
					? `The answer to ${call.method} ${call.path} was broken. Try again.`
					: `The answer to ${call.method} ${call.path} was broken; the request may have been carried out. Check the remote state before retrying.`,
			}),
		);
	}
}

const throwError = (error: Error): never => {
	throw error;
};

/**
 * The one place a transport error is built, complete: message, description, HTTP code, item and
 * vendor code. The message never holds a raw connection code (n8n would swap such a message for
 * its own generic text), so it is final as built.
 */
function apiError(
	state: CallState,
	response: JsonObject,
	details: { message: string; description: string; httpCode?: number; code?: string },
): NodeApiError {
	const error = new NodeApiError(state.ctx.getNode(), response, {
		message: details.message,
		description: details.description,
		httpCode: details.httpCode === undefined ? undefined : String(details.httpCode),
		itemIndex: state.item?.index,
	});
	if (details.code) error.context = { ...(error.context ?? {}), code: details.code };
	return error;
}

/** The error for an outcome the call does not (or no longer may) retry. */
function failure(state: CallState, outcome: Exclude<Outcome, { kind: 'ok' }>): NodeApiError {
	if (outcome.kind === 'notSent' || outcome.kind === 'maybeSent') return connectionError(state, outcome);
	return vendorError(state, outcome);
}

function vendorError(state: CallState, outcome: Extract<Outcome, { response: IN8nHttpFullResponse }>): NodeApiError {
	const { spec, call } = state;
	const { response } = outcome;
	const status = response.statusCode;
	const vendor = spec.parseError(response.body);
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : { body: String(response.body ?? '') }) as JsonObject;
	const where = `${call.method} ${call.path} answered HTTP ${status}${vendor.code ? ` (${vendor.code})` : ''}.`;
	return apiError(state, body, {
		message: `${spec.name}: ${vendor.message ?? 'request failed'} (HTTP ${status})`,
		description: [where, statusHint(state, outcome)].filter(Boolean).join(' '),
		httpCode: status,
		code: vendor.code,
	});
}

/** What the user should know about a failed status: the usual meaning, or why it was not (or no longer) retried. */
function statusHint(state: CallState, outcome: Extract<Outcome, { response: IN8nHttpFullResponse }>): string | undefined {
	const { spec, call } = state;
	const status = outcome.response.statusCode;
	if (outcome.kind === 'rateLimited') {
		return outcome.waitMs > RETRY_LIMITS.maxRateLimitWaitMs
			? `The server asks to wait ${Math.ceil(outcome.waitMs / 1000)} s (until ${new Date(Date.now() + outcome.waitMs).toISOString()}), longer than an execution waits (the plan's quota may be used up). Nothing was done for this item.`
			: `Still rate limited after ${RETRY_LIMITS.rateLimited} waits; lower the concurrency or try later.`;
	}
	if (outcome.kind === 'unavailable' || outcome.kind === 'serverError') {
		if (mayRepeat(call, outcome)) return `Tried ${state.transient + 1} times (backoff ${Math.round(state.transientWaitMs / 100) / 10} s in all); the service is still failing. Try again later.`;
		return outcome.kind === 'unavailable' && call.check !== true
			? `It was not repeated: ${call.method} ${call.path} changes state, and a gateway error does not prove the request was not carried out. Check the remote state before retrying.`
			: `It was not repeated: the server may have processed the request, and ${call.check ? 'a billed check would be charged again' : `${call.method} ${call.path} is not safe to send twice`}. Check the remote state before retrying.`;
	}
	const hints: Record<number, string> = {
		401: `Check the ${spec.name} credential (the server rejected it).`,
		403: `The ${spec.name} account behind this credential is not allowed to do this.`,
		404: 'The ID does not exist (or was deleted).',
		409: 'It already exists.',
	};
	return hints[status];
}

/** The pacer knows the key's window is spent until later than an execution should wait. */
function rateLimitWaitError(state: CallState, error: RateLimitWaitError): NodeApiError {
	const { spec, call } = state;
	const at = new Date(error.resumeAtMs).toISOString();
	return apiError(state, { resumeAt: at }, {
		message: `${spec.name}: rate limit reached; the next request is allowed at ${at} (HTTP 429)`,
		description: `${call.method} ${call.path} was not sent: the server reported its limit for this API key spent until ${at}, longer than an execution waits (the plan's quota may be used up).`,
		httpCode: 429,
	});
}

function connectionError(state: CallState, outcome: Extract<Outcome, { kind: 'notSent' | 'maybeSent' }>): NodeApiError {
	const { spec, call, baseUrl } = state;
	// Built from safe fields only: the raw client error carries request headers (credentials).
	const reason = CONNECTION_WORDS[outcome.code] ?? (outcome.code ? outcome.code.toLowerCase() : undefined) ?? 'unknown error';
	const why =
		outcome.kind === 'maybeSent' && !mayRepeat(call, outcome)
			? `The request may have reached the server, so it was not repeated${call.check ? ' (a billed check would be charged again)' : ''}; check the remote state before retrying.`
			: `Tried ${state.transient + 1} times. Check that the service is reachable.`;
	return apiError(state, { connection: reason }, {
		message: `${spec.name}: could not reach the service (${reason})`,
		description: `${call.method} ${call.path} at base URL ${baseUrl}${outcome.code ? ` (${outcome.code})` : ''}. ${why}`,
	});
}
