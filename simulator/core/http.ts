/**
 * Minimal HTTP plumbing shared by the three simulated APIs: a router with `:param` paths,
 * JSON/raw body capture, and a uniform reply shape so handlers stay declarative.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SimRequest {
	method: HttpMethod;
	/** Path below the API's mount point, e.g. `/unlock/check`. */
	path: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	rawBody: Buffer;
	/** Parsed JSON body; `undefined` when empty, the `INVALID_JSON` symbol when unparsable. */
	body: unknown;
}

export const INVALID_JSON = Symbol('invalid-json');

export interface SimReply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Send `body` verbatim (already serialised) instead of JSON-encoding it. */
	raw?: boolean;
	/** Close the connection without answering (an injected connection reset). */
	drop?: boolean;
}

export type Handler = (req: SimRequest) => SimReply | Promise<SimReply>;

interface Route {
	method: HttpMethod;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

export class Router {
	private readonly routes: Route[] = [];

	on(method: HttpMethod, path: string, handler: Handler): this {
		const keys: string[] = [];
		const source = path
			.split('/')
			.map((segment) => {
				if (segment.startsWith(':')) {
					keys.push(segment.slice(1));
					return '([^/]+)';
				}
				return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		this.routes.push({ method, pattern: new RegExp(`^${source}/?$`, 'i'), keys, handler });
		return this;
	}

	/** Finds the handler for a path; `allowed` lists methods that match the path when the method does not. */
	match(
		method: string,
		path: string,
	): { handler: Handler; params: Record<string, string> } | { handler: undefined; allowed: string[] } {
		const allowed: string[] = [];
		for (const route of this.routes) {
			const found = route.pattern.exec(path);
			if (!found) continue;
			if (route.method !== method) {
				allowed.push(route.method);
				continue;
			}
			const params: Record<string, string> = {};
			route.keys.forEach((key, index) => (params[key] = decodeURIComponent(found[index + 1])));
			return { handler: route.handler, params };
		}
		return { handler: undefined, allowed };
	}
}

export async function readBody(req: IncomingMessage, maxBytes = 5 * 1024 * 1024): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > maxBytes) throw new Error('body too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

export function parseJson(raw: Buffer): unknown {
	if (raw.length === 0) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return INVALID_JSON;
	}
}

export function send(res: ServerResponse, reply: SimReply): void {
	if (reply.drop) {
		res.socket?.destroy();
		return;
	}
	const headers: Record<string, string> = { ...(reply.headers ?? {}) };
	let payload: string | undefined;
	if (reply.body !== undefined && reply.status !== 204) {
		payload = reply.raw ? String(reply.body) : JSON.stringify(reply.body);
		if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = 'application/json; charset=utf-8';
		}
	}
	res.writeHead(reply.status, headers);
	res.end(payload);
}

export const reply = {
	json: (status: number, body: unknown, headers?: Record<string, string>): SimReply => ({ status, body, headers }),
	noContent: (headers?: Record<string, string>): SimReply => ({ status: 204, headers }),
	/** A dialect's answer to a delete: 200 with its body, or 204 when it has none. */
	deleted: (body: unknown): SimReply => (body === undefined ? { status: 204 } : { status: 200, body }),
};

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(headers: IncomingMessage['headers']): string | undefined {
	return /^Bearer\s+(\S+)\s*$/i.exec(String(headers.authorization ?? ''))?.[1];
}
