/**
 * Request rules (zod 3) for `POST /check` and `GET /history`. The first failing rule answers, with
 * its CekSafe error code (carried in the issue's `params.code`).
 */
import { z } from 'zod';
import { INVALID_JSON } from '../core/http';
import { withLuhn } from '../core/imei';
import { fail } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const issue = (ctx: z.RefinementCtx, code: string, message: string) =>
	ctx.addIssue({ code: z.ZodIssueCode.custom, message, params: { code }, fatal: true });

export const checkSchema = z.object({
	imei: z.unknown().superRefine((value, ctx) => {
		// inferred: the IMEI must be a JSON string (a number would lose leading zeros)
		if (typeof value !== 'string' || !/^\d{15}$/.test(value)) issue(ctx, 'INVALID_IMEI', 'IMEI must be 15 digits');
		// inferred: a wrong Luhn check digit is rejected the same way, with its own message
		else if (withLuhn(value.slice(0, 14)) !== value) issue(ctx, 'INVALID_IMEI', 'IMEI check digit is invalid');
	}) as unknown as z.ZodType<string>,
	// inferred: `type` is required; anything but "basic" or "total" is 400 INVALID_TYPE
	type: z.unknown().superRefine((value, ctx) => {
		if (value !== 'basic' && value !== 'total') issue(ctx, 'INVALID_TYPE', 'type must be "basic" or "total"');
	}) as unknown as z.ZodType<'basic' | 'total'>,
});

/** Parses `YYYY-MM-DD` to the UTC midnight of that calendar day, or `undefined` if it is not one. */
function parseDay(value: string): number | undefined {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
	const ms = Date.parse(`${value}T00:00:00Z`);
	if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return undefined;
	return ms;
}

// inferred: an empty parameter counts as absent
const absentIfEmpty = (value: unknown) => (value === null || value === '' ? undefined : value);

function wholeNumber(fallback: number, valid: (value: number) => boolean, message: string) {
	return z.preprocess(
		absentIfEmpty,
		z
			.string()
			.optional()
			.transform((text, ctx) => {
				const value = text === undefined ? fallback : /^\d+$/.test(text) ? Number(text) : NaN;
				if (!Number.isSafeInteger(value) || !valid(value)) {
					issue(ctx, 'INVALID_PARAMETER', message);
					return z.NEVER;
				}
				return value;
			}),
	);
}

function day(name: string) {
	return z.preprocess(
		absentIfEmpty,
		z
			.string()
			.optional()
			.transform((text, ctx) => {
				if (text === undefined) return undefined;
				const ms = parseDay(text);
				if (ms === undefined) {
					issue(ctx, 'INVALID_DATE', `${name} must be a date (YYYY-MM-DD)`);
					return z.NEVER;
				}
				return ms;
			}),
	);
}

// inferred: code INVALID_PARAMETER for bad page/limit (limit over 100 is an error, not clamped);
// INVALID_DATE for unparsable dates
export const historyQuerySchema = z.object({
	page: wholeNumber(1, (value) => value >= 1, 'page must be a positive integer'),
	limit: wholeNumber(DEFAULT_PAGE_SIZE, (value) => value >= 1 && value <= MAX_PAGE_SIZE, `limit must be an integer between 1 and ${MAX_PAGE_SIZE}`),
	from: day('from'),
	to: day('to'),
});

function firstFailure(error: z.ZodError, fallbackCode: string) {
	const first = error.issues[0];
	const code = first.code === z.ZodIssueCode.custom ? (first.params?.code as string | undefined) : undefined;
	return fail(400, code ?? fallbackCode, first.message);
}

/** Validates a JSON body; throws the first failing rule as a 400. */
// inferred: unparsable or non-object bodies answer 400 INVALID_REQUEST; no body counts as `{}`
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
	if (body === INVALID_JSON) throw fail(400, 'INVALID_REQUEST', 'Request body must be valid JSON');
	const value = body === undefined ? {} : body;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(400, 'INVALID_REQUEST', 'Request body must be a JSON object');
	const result = schema.safeParse(value);
	if (!result.success) throw firstFailure(result.error, 'INVALID_REQUEST');
	return result.data;
}

/** Validates query parameters (each read once, as `URLSearchParams.get` does). */
export function parseQuery<T extends z.ZodTypeAny>(schema: T, query: URLSearchParams): z.infer<T> {
	const first = Object.fromEntries([...new Set(query.keys())].map((key) => [key, query.get(key)]));
	const result = schema.safeParse(first);
	if (!result.success) throw firstFailure(result.error, 'INVALID_PARAMETER');
	return result.data;
}
