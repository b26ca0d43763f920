/**
 * What both trigger nodes need around a vendor delivery and a registration, written once: the raw
 * body exactly as received, header reads, the 401/400 answers that start no execution, JSON
 * parsing that never throws, and how to tell this node's webhook URLs (test and production) apart.
 */
import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The request body as the sender signed it (never the re-serialised parsed body). */
export async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer> {
	const req = ctx.getRequestObject();
	if (!req.rawBody) await req.readRawBody();
	const raw = req.rawBody as Buffer | string | undefined | null;
	if (raw === undefined || raw === null) return Buffer.alloc(0);
	return Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'utf8');
}

/**
 * One header's value. A header sent twice (an array) counts as absent: a signature or key that
 * arrives twice is not something to choose from.
 */
export function headerOf(ctx: IWebhookFunctions, name: string): string | undefined {
	const value = ctx.getHeaderData()[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/** Answers at once and tells n8n not to answer again; no execution starts. */
export function refuse(ctx: IWebhookFunctions, status: 400 | 401 | 503, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).send(message).end();
	return { noWebhookResponse: true };
}

export const unauthorized = (ctx: IWebhookFunctions): IWebhookResponseData => refuse(ctx, 401, 'Unauthorized');

/** The body as a JSON object, or undefined for anything else (empty, invalid, an array, a scalar). */
export function parseJsonObject(raw: Buffer): IDataObject | undefined {
	if (raw.length === 0) return undefined;
	try {
		const parsed: unknown = JSON.parse(raw.toString('utf8'));
		return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

/** This node's callback URL for the current registration (test URL while listening for a test event). */
export function ownWebhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for this node');
	return url;
}

/** Same URL, ignoring a trailing slash and the host's letter case. */
export function sameUrl(a: unknown, b: string): boolean {
	return typeof a === 'string' && normalise(a) === normalise(b);
}

function normalise(url: string): string {
	const trimmed = url.trim().replace(/\/+$/, '');
	try {
		const parsed = new URL(trimmed);
		return `${parsed.protocol}//${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
	} catch {
		return trimmed;
	}
}

/**
 * The part of this node's URL that stays the same in test and production and across base-URL
 * changes: `<webhookId>/webhook` (or `<workflowId>/<node name>/webhook` for nodes without an id).
 */
function nodeUrlTail(ctx: IHookFunctions, ownUrl: string): string {
	const { webhookId } = ctx.getNode();
	if (webhookId) return `/${webhookId}/webhook`;
	const segments = pathOf(ownUrl).split('/').filter(Boolean);
	return `/${segments.slice(-3).join('/')}`;
}

function pathOf(url: string): string {
	try {
		return new URL(url).pathname.replace(/\/+$/, '');
	} catch {
		return url.replace(/\/+$/, '');
	}
}

/**
 * Whether `url` is one of this node's webhook URLs (its test URL, its production URL, or one under
 * an older base URL), judged by the node-specific path tail.
 */
export function isThisNodesUrl(ctx: IHookFunctions, url: unknown, ownUrl: string): boolean {
	if (typeof url !== 'string') return false;
	return pathOf(url).endsWith(nodeUrlTail(ctx, ownUrl));
}

/** n8n's test URLs live under `/webhook-test/` (the default test endpoint). */
export function isTestUrl(url: string): boolean {
	return /\/webhook-test\//.test(pathOf(url) + '/');
}

/**
 * Whether this registration is for "listen for test event": n8n creates those in `manual` mode with
 * the node's test URL (deletions of either kind run in `internal` mode, so the URL decides there).
 */
export function isTestRegistration(ctx: IHookFunctions, ownUrl: string): boolean {
	return ctx.getActivationMode() === 'manual' || ctx.getMode() === 'manual' || isTestUrl(ownUrl);
}

/** Whether an API error is an HTTP 404 (`NodeApiError.httpCode` is a string). */
export function isNotFound(error: unknown): boolean {
	return String((error as { httpCode?: unknown })?.httpCode ?? '') === '404';
}

/**
 * The call's result, or `undefined` when the API answered 404 (a registration already gone). Every
 * other failure passes through unchanged: the transport has already made it a `NodeApiError`.
 */
export async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
	return await call.catch((error: unknown) => {
		if (isNotFound(error)) return undefined;
		throw error;
	});
}

/**
 * An activation step that failed, said as what could not be done, why (the service's own error,
 * which never carries credential values) and what to do, by HTTP status when there is one.
 */
export function activationError(ctx: IHookFunctions, error: unknown, action: string, hints: Record<string, string>): NodeOperationError {
	const httpCode = String((error as { httpCode?: unknown })?.httpCode ?? '');
	const cause = error instanceof Error ? error.message : String(error);
	const fallback =
		httpCode === '429'
			? 'The service is limiting requests from this credential: activate again in a minute.'
			: httpCode !== ''
				? 'Check the credential and the service, then activate again.'
				: "Check that the service is reachable at the credential's Base URL, then activate again.";
	return new NodeOperationError(ctx.getNode(), `Could not ${action}: ${cause}`, { description: hints[httpCode] ?? fallback });
}
