/**
 * A typed client for one service over `apiRequest` / `apiRequestFull`: the one way node code calls
 * an API. Bound to an item in operations (its index goes on errors, its rate-limit state is kept),
 * unbound in triggers and list/option methods.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { ItemScope } from './run-scope';
import { apiRequest, apiRequestFull, type ApiCall, type ApiResponse, type RequestContext, type ServiceSpec } from './transport';

/** What a call may add to method, path and body: `qs`, and the retry kind (`idempotent`, `check`, see `ApiCall`). */
export type CallOptions = Omit<ApiCall, 'method' | 'path' | 'body'>;

export interface ServiceClient {
	/** A read: always idempotent (retried after a 5xx, reset or timeout). */
	get(path: string, qs?: IDataObject): Promise<IDataObject>;
	post(path: string, body?: IDataObject, options?: CallOptions): Promise<IDataObject>;
	put(path: string, body?: IDataObject, options?: CallOptions): Promise<IDataObject>;
	delete(path: string, options?: CallOptions): Promise<IDataObject>;
	/** The whole answer (status, headers, body), for callers that read headers. */
	full(call: ApiCall): Promise<ApiResponse<IDataObject>>;
}

/** The answer's JSON as the API gave it (an object, or an array the caller turns into rows). */
export function serviceClient(fns: RequestContext, spec: ServiceSpec, item?: ItemScope): ServiceClient {
	const send = (call: ApiCall): Promise<IDataObject> => apiRequest.call(fns, spec, call, item) as Promise<IDataObject>;
	return {
		get: (path, qs) => send({ method: 'GET', path, qs, idempotent: true }),
		post: (path, body, options) => send({ method: 'POST', path, body, ...options }),
		put: (path, body, options) => send({ method: 'PUT', path, body, ...options }),
		delete: (path, options) => send({ method: 'DELETE', path, ...options }),
		full: (call) => apiRequestFull.call(fns, spec, call, item) as Promise<ApiResponse<IDataObject>>,
	};
}

/** Whether an error is the API's answer with this HTTP status. */
export const isHttpStatus = (error: unknown, status: number): boolean =>
	error instanceof NodeApiError && String(error.httpCode) === String(status);
