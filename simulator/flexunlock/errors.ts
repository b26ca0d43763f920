/** FlexUnlock's documented error body: `{ "error": "<message>" }` (400, 401 in the doc; the rest inferred). */
import { SimError } from '../core/errors';
import type { SimReply } from '../core/http';

export const fail = (status: number, message: string, headers?: Record<string, string>): SimError => new SimError(status, message, headers);

export const badRequest = (message: string): SimError => fail(400, message);

export function errorReply(error: SimError): SimReply {
	return { status: error.status, body: { error: error.message }, headers: error.headers };
}
