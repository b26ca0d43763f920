/**
 * Date-time fields: ISO 8601 checked locally and sent as UTC with `Z` (the API's own timestamp
 * format). A value without an offset (what n8n's date picker stores) is read in the workflow's
 * time zone.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../shared/run-scope';
import { invalidInput } from '../../shared/validation';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export const ISO_HINT = 'an ISO 8601 date-time such as 2026-04-22T14:00:00+02:00 or 2026-04-22T12:00:00Z';

/** The offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return wall - Math.floor(utcMs / 1000) * 1000;
}

/** Wall-clock fields in `timeZone` → epoch milliseconds (DST gaps resolve forward). */
function zonedToUtc(wallMs: number, timeZone: string): number {
	let guess = wallMs - zoneOffsetMs(timeZone, wallMs);
	// A second pass settles instants near a DST change.
	guess = wallMs - zoneOffsetMs(timeZone, guess);
	return guess;
}

/** Epoch ms of an ISO 8601 value, or `NaN`; `timeZone` applies when the value has no offset. */
export function parseIso(value: string, timeZone = 'UTC'): number {
	const match = ISO_8601.exec(value.trim());
	if (!match) return Number.NaN;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
	const fraction = match[7] ? Number(`0.${match[7]}`) * 1000 : 0;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return Number.NaN;
	if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
	const wallMs = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(fraction);
	const zone = match[8];
	if (!zone) {
		try {
			return zonedToUtc(wallMs, timeZone);
		} catch {
			return zonedToUtc(wallMs, 'UTC');
		}
	}
	if (zone.toUpperCase() === 'Z') return wallMs;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.slice(1).replace(':', '');
	const offsetHours = Number(digits.slice(0, 2));
	const offsetMinutes = Number(digits.slice(2));
	if (offsetHours > 14 || offsetMinutes > 59) return Number.NaN;
	return wallMs - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** `2026-04-22T12:00:00Z` (milliseconds only when there are any). */
export function toUtcIso(ms: number): string {
	const iso = new Date(ms).toISOString();
	return iso.endsWith('.000Z') ? iso.replace('.000Z', 'Z') : iso;
}

/** A date-time parameter as text: strings as given, Luxon DateTimes and Dates as ISO 8601. */
function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	return String(value).trim();
}

export interface DateTimeValue {
	iso: string;
	ms: number;
}

/** A date-time parameter checked and converted to UTC ISO 8601; `undefined` when empty and optional. */
export function dateTimeParameter(
	ctx: IExecuteFunctions,
	item: ItemScope,
	field: string,
	value: unknown,
	options: { required: boolean },
): DateTimeValue | undefined {
	const text = asText(value);
	if (text === '') {
		if (options.required) throw invalidInput(ctx, item, field, `is required: ${ISO_HINT}`);
		return undefined;
	}
	const ms = parseIso(text, ctx.getTimezone());
	if (Number.isNaN(ms)) throw invalidInput(ctx, item, field, `"${text}" is not ${ISO_HINT}`);
	return { iso: toUtcIso(ms), ms };
}

/** Both ends given: the end must come after the start. */
export function assertOrdered(
	ctx: IExecuteFunctions,
	item: ItemScope,
	toField: string,
	fromField: string,
	from: DateTimeValue | undefined,
	to: DateTimeValue | undefined,
): void {
	if (from && to && to.ms <= from.ms) {
		throw invalidInput(ctx, item, toField, `must be after "${fromField}" (${to.iso} is not after ${from.iso})`);
	}
}
