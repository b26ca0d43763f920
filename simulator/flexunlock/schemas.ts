/**
 * Request body rules (zod 3). Each field's first failing rule is the answer, in the doc's error style
 * (`{"error": "Invalid IMEI number"}`); fields are checked in the order they are declared.
 */
// inferred: every message except the documented "Invalid IMEI number"
import { z } from 'zod';
import { INVALID_JSON } from '../core/http';
import { isValidImei } from '../core/imei';
import { badRequest } from './errors';

const missing = (value: unknown): boolean => value === undefined || value === null || value === '';
const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * A field answered "Missing required parameter: <name>" when absent, else `invalid` when `valid`
 * rejects it.
 */
function required(name: string, valid: (value: unknown) => boolean, invalid: string) {
	return z.unknown().superRefine((value, ctx) => {
		if (missing(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Missing required parameter: ${name}`, fatal: true });
		else if (!valid(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: invalid, fatal: true });
	}) as unknown as z.ZodType<string>;
}

// inferred: a missing imei gets its own message; a malformed one the documented "Invalid IMEI number"
// (a string of 15 digits with a valid Luhn digit, the table says string)
export const deviceSchema = z.object({
	imei: required('imei', isValidImei, 'Invalid IMEI number'),
	carrier: required('carrier', nonEmptyString, 'Invalid carrier: must be a string'),
});

/** The order's own fields, checked once the device is known to be eligible for `services`. */
export function orderSchema(services: readonly string[]) {
	return z.object({
		service: required(
			'service',
			(value) => typeof value === 'string' && services.includes(value),
			`Unsupported service for this device. Supported services: ${services.join(', ')}`,
		),
		// inferred: an optional `Email` (or `email`) for account-activation services
		Email: z.unknown().optional(),
		email: z.unknown().optional(),
	}).superRefine((body, ctx) => {
		const email = body.Email ?? body.email;
		if (email !== undefined && !nonEmptyString(email)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'Invalid Email: must be a string' });
	});
}

export const orderStatusSchema = z.object({
	order_id: z.unknown().refine(nonEmptyString, 'Missing required parameter: order_id') as unknown as z.ZodType<string>,
});

export const WEBHOOK_EVENTS = ['unlock.created', 'unlock.processing', 'unlock.completed', 'unlock.failed'] as const;
export type FlexUnlockEvent = (typeof WEBHOOK_EVENTS)[number];

function isHttpUrl(value: unknown): boolean {
	try {
		const url = typeof value === 'string' ? new URL(value) : undefined;
		return url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:');
	} catch {
		return false;
	}
}

// inferred: validation rules and messages; the secret is required (every delivery is signed with it)
export const createWebhookSchema = z.object({
	url: z.unknown().refine(isHttpUrl, 'Invalid webhook URL: must be an absolute http(s) URL') as unknown as z.ZodType<string>,
	events: z.unknown().superRefine((value, ctx) => {
		if (!Array.isArray(value) || value.length === 0) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Invalid events: give a non-empty list of ${WEBHOOK_EVENTS.join(', ')}` });
			return;
		}
		const unknown = value.filter((event) => !(WEBHOOK_EVENTS as readonly unknown[]).includes(event));
		if (unknown.length > 0) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Invalid events: ${unknown.map(String).join(', ')}. Allowed: ${WEBHOOK_EVENTS.join(', ')}` });
		}
	}) as unknown as z.ZodType<FlexUnlockEvent[]>,
	secret: z.unknown().refine(nonEmptyString, 'Missing required parameter: secret') as unknown as z.ZodType<string>,
});

/** Validates a JSON body; throws a 400 with the first failing rule's message. */
// inferred: unparsable or non-object bodies answer 400 with a message; no body counts as `{}`
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
	if (body === INVALID_JSON) throw badRequest('Invalid JSON body');
	const value = body === undefined ? {} : body;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('Request body must be a JSON object');
	const result = schema.safeParse(value);
	if (!result.success) throw badRequest(result.error.issues[0].message);
	return result.data;
}
