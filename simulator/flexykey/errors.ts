/** The error body used everywhere: `{ "status": <code>, "message": "<text>" }` (API-NOTES B). */
// inferred: error body shape and status codes (API-NOTES B)
import { SimError } from '../core/errors';
import type { Dialect } from '../core/dialect';
import type { SimReply } from '../core/http';
import { errorBody } from './dialects';

export function errorReply(status: number, message: string, headers?: Record<string, string>, dialect: Dialect = 'a'): SimReply {
	return { status, body: errorBody(dialect, { status, message }), headers };
}

export const badRequest = (message: string): SimError => new SimError(400, message);
export const notFound = (message: string): SimError => new SimError(404, message);
export const conflict = (message: string): SimError => new SimError(409, message);
export const forbidden = (message: string): SimError => new SimError(403, message);
