/** CekSafe's documented error body: `{ "success": false, "error": { "code", "message" } }`. */
import { SimError } from '../core/errors';
import type { SimReply } from '../core/http';

export const fail = (status: number, code: string, message: string, headers?: Record<string, string>): SimError =>
	new SimError(status, message, headers, code);

export function errorReply(error: SimError): SimReply {
	return { status: error.status, body: { success: false, error: { code: error.code ?? 'INTERNAL_ERROR', message: error.message } }, headers: error.headers };
}
