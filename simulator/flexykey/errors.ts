/** The error body used everywhere: `{ "status": <code>, "message": "<text>" }` (API-NOTES B). */
// inferred: error body shape and status codes (API-NOTES B)
import type { SimReply } from '../core/http';

export class ApiError extends Error {
	constructor(
		public readonly status: number,
		message: string,
		public readonly headers?: Record<string, string>,
	) {
		super(message);
	}
}

export function errorReply(status: number, message: string, headers?: Record<string, string>): SimReply {
	return { status, body: { status, message }, headers };
}

export const badRequest = (message: string): ApiError => new ApiError(400, message);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const conflict = (message: string): ApiError => new ApiError(409, message);
export const forbidden = (message: string): ApiError => new ApiError(403, message);
