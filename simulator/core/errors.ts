/**
 * The one error type simulator handlers throw. Each API renders it in its vendor's error body
 * (`ApiPipeline.errorReply`); `code` is for APIs whose errors carry one (CekSafe).
 */
export class SimError extends Error {
	constructor(
		public readonly status: number,
		message: string,
		public readonly headers?: Record<string, string>,
		public readonly code?: string,
	) {
		super(message);
	}
}

/** Anything a handler threw, as a `SimError` (an unexpected exception is a 500 naming it). */
export function asSimError(error: unknown): SimError {
	if (error instanceof SimError) return error;
	return new SimError(500, `Internal server error: ${(error as Error).message}`, undefined, 'INTERNAL_ERROR');
}
