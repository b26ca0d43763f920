/**
 * Request body rules (zod 3). Messages are written to follow the field name, so a violation reads
 * e.g. `idNumber must be at most 20 characters` (400 "naming the field", API-NOTES B).
 * JSON types are strict, as ASP.NET's System.Text.Json binding is: `unitId` must be a JSON number,
 * `serialNumber` and `outputAction` JSON strings.
 */
// inferred: strict JSON types (no string→number coercion and back)
import { z } from 'zod';
import { INVALID_JSON } from '../core/http';
import { badRequest } from './errors';
import { parseIsoWithOffset } from './time';
import { UNIT_SYNC_STATES, type UnitSyncState } from './types';

export const unitIdSchema = z
	.number({ required_error: 'is required', invalid_type_error: 'must be a number' })
	.int('must be an integer')
	.positive('must be a positive number');

export const serialNumberSchema = z
	.string({ invalid_type_error: 'must be a string of digits (it may start with 0)' })
	.regex(/^\d{1,32}$/, 'must be a string of digits');

export const isoDateTimeSchema = z
	.string({ invalid_type_error: 'must be an ISO 8601 string' })
	.refine((value) => !Number.isNaN(parseIsoWithOffset(value)), 'must be ISO 8601 with an offset or Z, e.g. 2026-04-22T14:00:00+02:00 or 2026-04-22T12:00:00Z');

export const unitSyncStateSchema = z.enum(UNIT_SYNC_STATES as [UnitSyncState, ...UnitSyncState[]], {
	errorMap: () => ({ message: `must be one of ${UNIT_SYNC_STATES.join(', ')}` }),
});

/** Either `unitId` or `serialNumber`, never both, never neither (the doc: "Specify either"). */
// inferred: sending both is rejected rather than one of them winning
const unitRefShape = { unitId: unitIdSchema.optional(), serialNumber: serialNumberSchema.optional() };

function exactlyOne(first: string, second: string) {
	return (value: Record<string, unknown>, ctx: z.RefinementCtx): void => {
		const count = [first, second].filter((key) => value[key] !== undefined).length;
		if (count !== 1) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: [first],
				message: count === 0 ? `or ${second} is required` : `and ${second} cannot both be set; specify either one`,
			});
		}
	};
}

// ---- Control --------------------------------------------------------------------------------------

// inferred: identifiers and actions are case-sensitive (F1, not f1; ON, not on)
export const OUTPUT_NUMBER = /^(F[12]|X([1-9]|[1-5]\d|6[0-4]))$/;
export const OUTPUT_ACTION = /^(ON|OFF|[1-9]\d{0,4})$/;

export const controlSchema = z
	.object({
		...unitRefShape,
		outputNumber: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).regex(OUTPUT_NUMBER, 'must be F1, F2 or X1–X64'),
		outputAction: z
			.string({ required_error: 'is required', invalid_type_error: 'must be a string: ON, OFF or a pulse length in seconds "1"–"99999"' })
			.regex(OUTPUT_ACTION, 'must be ON, OFF or a pulse length in seconds, 1–99999 (only the number)'),
	})
	.superRefine(exactlyOne('unitId', 'serialNumber'));

// ---- Unit information -------------------------------------------------------------------------------

export const requestUnitInfoSchema = z
	.object({
		...unitRefShape,
		typeName: z.string({ invalid_type_error: 'must be a string' }).optional(),
		profile: z.string({ invalid_type_error: 'must be a string' }).optional(),
	})
	.superRefine(exactlyOne('unitId', 'serialNumber'))
	.superRefine(exactlyOne('typeName', 'profile'));

// ---- ID entries -----------------------------------------------------------------------------------

const optionalText = (max: number) =>
	z.string({ invalid_type_error: 'must be a string' }).max(max, `must be at most ${max} characters`).nullable().optional();

/** `""` means "not used" for the optional unit fields, as a blank form field would. // inferred */
const blankToNull = (value: unknown) => (value === '' ? null : value);

// inferred: idNumber and action are required on create (an entry without them cannot act)
const entryFields = {
	idNumber: z
		.string({ required_error: 'is required', invalid_type_error: 'must be a string' })
		.min(1, 'is required')
		.max(20, 'must be at most 20 characters'),
	name: optionalText(25),
	description: optionalText(25),
	// inferred: access groups G1–G99
	action: z
		.string({ required_error: 'is required', invalid_type_error: 'must be a string' })
		.regex(/^(R[12]|G[1-9]\d?)$/, 'must be a relay (R1, R2) or an access group such as G13'),
	codeTag: z.preprocess(
		blankToNull,
		z.string({ invalid_type_error: 'must be a string of 4-7 digits' }).regex(/^\d{4,7}$/, 'must be 4-7 digits').nullable().optional(),
	),
	// inferred: a calendar number 1–99
	codeTagCalendar: z.preprocess(
		blankToNull,
		z.number({ invalid_type_error: 'must be a calendar number' }).int('must be an integer').min(1, 'must be 1–99').max(99, 'must be 1–99').nullable().optional(),
	),
	validFromIso: z.preprocess(blankToNull, isoDateTimeSchema.nullable().optional()),
	validToIso: z.preprocess(blankToNull, isoDateTimeSchema.nullable().optional()),
};

export const createIdEntrySchema = z.object({ unitId: unitIdSchema, ...entryFields });
export const updateIdEntrySchema = z.object({ unitId: unitIdSchema, ...entryFields }).partial().required({ unitId: true });

export type CreateIdEntryBody = z.infer<typeof createIdEntrySchema>;
export type UpdateIdEntryBody = z.infer<typeof updateIdEntrySchema>;

// ---- Settings, sync, tools ---------------------------------------------------------------------------

// inferred: `params` is a plain string (the relay for DefaultRelayPulse)
export const putSettingSchema = z.object({
	unitId: unitIdSchema,
	setting: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }).min(1, 'is required'),
	value: z.union([z.string(), z.number()], { required_error: 'is required', invalid_type_error: 'must be a string or a number' }),
	params: z.string({ invalid_type_error: 'must be a string' }).nullable().optional(),
});

export const unitOnlySchema = z.object({ unitId: unitIdSchema });

export const idEntriesSyncStateSchema = z.object({
	unitId: unitIdSchema,
	unitSyncState: unitSyncStateSchema,
	id: z.number({ invalid_type_error: 'must be a number' }).int('must be an integer').positive('must be positive').optional(),
});

export const settingsSyncStateSchema = z.object({
	unitId: unitIdSchema,
	unitSyncState: unitSyncStateSchema,
	setting: z.string({ invalid_type_error: 'must be a string' }).optional(),
	params: z.string({ invalid_type_error: 'must be a string' }).nullable().optional(),
});

export const allDataSyncStateSchema = z.object({ unitId: unitIdSchema, unitSyncState: unitSyncStateSchema });

// ---- Webhooks ---------------------------------------------------------------------------------------

const absoluteHttpUrl = z
	.string({ required_error: 'is required', invalid_type_error: 'must be a string' })
	.refine((value) => {
		try {
			const url = new URL(value);
			return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
		} catch {
			return false;
		}
	}, 'must be an absolute HTTP or HTTPS URL');

export const putWebhookSchema = z.object({
	unitId: unitIdSchema,
	event: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }),
	callbackUrl: absoluteHttpUrl,
	httpMethod: z.enum(['POST', 'PUT', 'PATCH'], { errorMap: () => ({ message: 'must be POST, PUT or PATCH' }) }).optional(),
	secret: z.string({ invalid_type_error: 'must be a string' }).nullable().optional(),
	apiKey: z.string({ invalid_type_error: 'must be a string' }).nullable().optional(),
	isActive: z.union([z.literal(0), z.literal(1)], { errorMap: () => ({ message: 'must be 1 or 0' }) }).optional(),
});

export const webhookTestSchema = z.object({
	unitId: unitIdSchema,
	event: z.string({ required_error: 'is required', invalid_type_error: 'must be a string' }),
});

// ---- Bookings ---------------------------------------------------------------------------------------

const bookingFields = {
	bookingObjectId: z.number({ required_error: 'is required', invalid_type_error: 'must be a number' }).int('must be an integer').positive('must be positive'),
	fromIso: isoDateTimeSchema,
	toIso: isoDateTimeSchema,
	name: z.string({ invalid_type_error: 'must be a string' }).nullable().optional(),
	description: z.string({ invalid_type_error: 'must be a string' }).nullable().optional(),
};

// `passthrough`: additional fields are stored and echoed (API-NOTES B)
export const createBookingSchema = z.object(bookingFields).passthrough();
export const updateBookingSchema = z.object(bookingFields).partial().passthrough();

// ---- Parsing ----------------------------------------------------------------------------------------

function describeIssue(issue: z.ZodIssue): string {
	const field = issue.path.join('.') || 'body';
	if (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined') return `${field} is required`;
	if (issue.code === z.ZodIssueCode.invalid_type && issue.path.length === 0) return 'The request body must be a JSON object';
	return `${field} ${issue.message}`;
}

/** Validates a JSON body; throws a 400 naming the first offending field. */
export function parseBody<T extends z.ZodTypeAny>(schema: T, body: unknown): z.infer<T> {
	if (body === INVALID_JSON) throw badRequest('The request body is not valid JSON');
	if (body === undefined) throw badRequest('A JSON request body is required');
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object');
	const result = schema.safeParse(body);
	if (!result.success) throw badRequest(describeIssue(result.error.issues[0]));
	return result.data;
}
