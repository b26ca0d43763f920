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
import type { ItemScope } from './executor';
import { pacerFor, parseRateLimitHeaders, RateLimitWaitError, retryDelayMs, snapshot, type PacerTicket } from './rate-limit';

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
	 * Whether sending it twice cannot act twice on the remote side (reads, checks). Only idempotent
	 * calls are retried after the request may have reached the server (5xx, reset, timeout).
	 */
	idempotent?: boolean;
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
	/** Transport failures and 5xx retried per call (idempotent calls only, except refusals). */
	transient: 2,
	/**
	 * Longest rate-limit wait (a 429's `Retry-After`, or a spent window's reset) sat out inside an
	 * execution. inferred: anything longer (a daily quota) fails the item at once with the reset time.
	 */
	maxRateLimitWaitMs: 300_000,
};

const DEFAULT_TIMEOUT_MS = 30_000;

/** Connection errors where the request never reached the server, so repeating it is always safe. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Errors after which the server may have acted. */
const MAYBE_SENT_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'UND_ERR_SOCKET']);

export async function apiRequest<T = IDataObject>(
	this: RequestContext,
	spec: ServiceSpec,
	call: ApiCall,
	item?: ItemScope,
): Promise<T> {
	return (await apiRequestFull.call(this, spec, call, item)).body as T;
}

export async function apiRequestFull<T = unknown>(
	this: RequestContext,
	spec: ServiceSpec,
	call: ApiCall,
	item?: ItemScope,
): Promise<ApiResponse<T>> {
	const { baseUrl, pacerKey, authentication } = await credentialScope(this, spec);
	const pacer = pacerFor(pacerKey);
	const signal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;
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

	let rateLimited = 0;
	let transient = 0;
	for (;;) {
		let ticket: PacerTicket;
		try {
			ticket = await pacer.acquire({ signal, maxWaitMs: RETRY_LIMITS.maxRateLimitWaitMs });
		} catch (error) {
			if (error instanceof RateLimitWaitError) throw rateLimitWaitError(this, spec, call, error, item);
			// Cancelled while waiting for the rate limit: nothing was sent.
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: item?.index });
		}
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				spec.credentialType,
				options,
				authentication,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			pacer.release(undefined, ticket);
			const code = errorCode(error);
			const retryable = NOT_SENT_CODES.has(code) || (call.idempotent === true && MAYBE_SENT_CODES.has(code));
			if (retryable && transient++ < RETRY_LIMITS.transient) {
				await sleep(backoffMs(transient));
				continue;
			}
			throw connectionError(this, spec, call, baseUrl, error, code, item);
		}

		const headers = response.headers as ApiResponse<T>['headers'];
		const limits = parseRateLimitHeaders(headers);
		pacer.release(limits, ticket);
		const rate = snapshot(limits);
		if (item && rate) item.rateLimit = rate;

		const status = response.statusCode;
		if (status === 429) {
			const waitMs = retryDelayMs(headers, Date.now());
			// A 429 means the server did not act, so even state-changing calls are safe to repeat.
			pacer.block(waitMs, ticket);
			if (rateLimited++ < RETRY_LIMITS.rateLimited && waitMs <= RETRY_LIMITS.maxRateLimitWaitMs) continue;
			throw vendorError(this, spec, call, response, item, waitMs);
		}
		if (status >= 500 && call.idempotent === true && transient++ < RETRY_LIMITS.transient) {
			await sleep(backoffMs(transient));
			continue;
		}
		if (status >= 400) throw vendorError(this, spec, call, response, item);
		return { statusCode: status, headers, body: jsonBody(this, spec, call, response, item) as T };
	}
}

interface CredentialScope {
	baseUrl: string;
	/** One pacer per credential and base URL. */
	pacerKey: string;
	/** The decrypted credential, handed to every request of the run (see `credentialScope`). */
	authentication: IAdditionalCredentialOptions;
}

const credentialScopes = new WeakMap<object, Map<string, Promise<CredentialScope>>>();

/**
 * The credential, read once per node run rather than once per request: n8n reads a credential
 * from its database and decrypts it on every `getCredentials`, and `httpRequestWithAuthentication`
 * does that for each request unless it is handed the decrypted credential. The credential's
 * `authenticate` still runs per request.
 */
function credentialScope(ctx: RequestContext, spec: ServiceSpec): Promise<CredentialScope> {
	let byType = credentialScopes.get(ctx);
	if (!byType) {
		byType = new Map();
		credentialScopes.set(ctx, byType);
	}
	let cached = byType.get(spec.credentialType);
	if (!cached) {
		cached = ctx.getCredentials(spec.credentialType).then((credentials) => {
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
		});
		byType.set(spec.credentialType, cached);
	}
	return cached;
}

function dropEmpty(qs: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(qs).filter(([, value]) => value !== undefined && value !== null && value !== ''));
}

function backoffMs(attempt: number): number {
	return 250 * 2 ** (attempt - 1);
}

function errorCode(error: unknown): string {
	const candidate = error as { code?: string; cause?: { code?: string } };
	return String(candidate?.code ?? candidate?.cause?.code ?? '');
}

/**
 * The parsed body of a success answer. The HTTP client hands back a string when a body announced
 * as JSON does not parse: that is a broken answer, not data to pass downstream.
 */
function jsonBody(ctx: RequestContext, spec: ServiceSpec, call: ApiCall, response: IN8nHttpFullResponse, item?: ItemScope): unknown {
	const { body } = response;
	if (typeof body !== 'string') return body;
	if (body.trim() === '') return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		const failure = new NodeApiError(ctx.getNode(), { body: body.slice(0, 200) } as JsonObject, {
			message: `${spec.name}: the answer to ${call.method} ${call.path} is not valid JSON (HTTP ${response.statusCode})`,
			description: call.idempotent
				? 'The service sent a broken answer. Try again.'
				: 'The service sent a broken answer; the request may have been carried out. Check the remote state before retrying.',
			itemIndex: item?.index,
		});
		failure.message = `${spec.name}: the answer to ${call.method} ${call.path} is not valid JSON (HTTP ${response.statusCode})`;
		throw failure;
	}
}

function vendorError(
	ctx: RequestContext,
	spec: ServiceSpec,
	call: ApiCall,
	response: IN8nHttpFullResponse,
	item?: ItemScope,
	retryAfterMs?: number,
): NodeApiError {
	const status = response.statusCode;
	const vendor = spec.parseError(response.body);
	const message = `${spec.name}: ${vendor.message ?? `request failed`} (HTTP ${status})`;
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : { body: String(response.body ?? '') }) as JsonObject;
	const error = new NodeApiError(ctx.getNode(), body, {
		message,
		description: describeStatus(spec, call, status, vendor.code, retryAfterMs),
		httpCode: String(status),
		itemIndex: item?.index,
	});
	// NodeApiError may replace the message with a generic one for well-known codes; keep the vendor's.
	error.message = message;
	if (vendor.code) error.context = { ...(error.context ?? {}), code: vendor.code };
	return error;
}

function describeStatus(spec: ServiceSpec, call: ApiCall, status: number, code?: string, retryAfterMs?: number): string {
	const where = `${call.method} ${call.path}`;
	const hints: Record<number, string> = {
		401: `Check the ${spec.name} credential (the server rejected it).`,
		403: `The ${spec.name} account behind this credential is not allowed to do this.`,
		404: 'The ID does not exist (or was deleted).',
		409: 'It already exists.',
		429:
			retryAfterMs !== undefined && retryAfterMs > RETRY_LIMITS.maxRateLimitWaitMs
				? `The server asks to wait ${Math.ceil(retryAfterMs / 1000)} s (until ${new Date(Date.now() + retryAfterMs).toISOString()}), longer than an execution waits (the plan's quota may be used up). Nothing was done for this item.`
				: `Still rate limited after ${RETRY_LIMITS.rateLimited} waits; lower the concurrency or try later.`,
	};
	return [`${where} answered HTTP ${status}${code ? ` (${code})` : ''}.`, hints[status]].filter(Boolean).join(' ');
}

/** The pacer knows the key's window is spent until later than an execution should wait. */
function rateLimitWaitError(ctx: RequestContext, spec: ServiceSpec, call: ApiCall, error: RateLimitWaitError, item?: ItemScope): NodeApiError {
	const at = new Date(error.resumeAtMs).toISOString();
	const message = `${spec.name}: rate limit reached; the next request is allowed at ${at} (HTTP 429)`;
	const failure = new NodeApiError(ctx.getNode(), { resumeAt: at } as JsonObject, {
		message,
		description: `${call.method} ${call.path} was not sent: the server reported its limit for this API key spent until ${at}, longer than an execution waits (the plan's quota may be used up).`,
		httpCode: '429',
		itemIndex: item?.index,
	});
	failure.message = message;
	return failure;
}

function connectionError(
	ctx: RequestContext,
	spec: ServiceSpec,
	call: ApiCall,
	baseUrl: string,
	error: unknown,
	code: string,
	item?: ItemScope,
): NodeApiError {
	// Build the error from safe fields only: the raw client error carries request headers (credentials).
	const reason = code || (error as Error)?.message || 'unknown error';
	const failure = new NodeApiError(ctx.getNode(), { code: reason } as JsonObject, {
		message: `${spec.name}: could not complete ${call.method} ${call.path} (${reason})`,
		description: `Base URL ${baseUrl}. ${
			MAYBE_SENT_CODES.has(code) && !call.idempotent
				? 'The request may have reached the server, so it was not repeated; check the remote state before retrying.'
				: 'Check that the service is reachable.'
		}`,
		itemIndex: item?.index,
	});
	failure.message = `${spec.name}: could not complete ${call.method} ${call.path} (${reason})`;
	return failure;
}
