/** Unit and booking-object lookup with the company access rule, and query-string parsing helpers. */
import { badRequest, forbidden, notFound } from './errors';
import type { Runtime } from './runtime';
import { parseIsoWithOffset } from './time';
import type { BookingObject, FlexyKeyUser, UnitRecord } from './types';

export interface UnitRef {
	unitId?: number;
	serialNumber?: string;
}

function assertCompany(user: FlexyKeyUser, company: string, what: string): void {
	if (user.company !== company) {
		throw forbidden(`Access denied: user ${user.username} does not belong to the company that owns ${what}`);
	}
}

/** The unit by id or serial number: 404 when unknown, 403 when another company owns it. */
export function accessibleUnit(rt: Runtime, user: FlexyKeyUser, ref: UnitRef): UnitRecord {
	const record =
		ref.unitId !== undefined
			? rt.state.units.find((candidate) => candidate.unit.unitId === ref.unitId)
			: rt.state.units.find((candidate) => candidate.unit.serialNumber === ref.serialNumber);
	const label = ref.unitId !== undefined ? `unit ${ref.unitId}` : `unit with serial number ${ref.serialNumber}`;
	if (!record) throw notFound(`Unit not found: ${label}`);
	assertCompany(user, record.company, label);
	return record;
}

export function visibleUnits(rt: Runtime, user: FlexyKeyUser): UnitRecord[] {
	return rt.state.units.filter((record) => record.company === user.company);
}

export function accessibleBookingObject(rt: Runtime, user: FlexyKeyUser, bookingObjectId: number): BookingObject {
	const object = rt.state.bookingObjects.find((candidate) => candidate.bookingObjectId === bookingObjectId);
	if (!object) throw notFound(`Booking object not found: ${bookingObjectId}`);
	assertCompany(user, object.company, `booking object ${bookingObjectId}`);
	return object;
}

// ---- query strings ----------------------------------------------------------------------------------

interface IntOptions {
	min?: number;
	max?: number;
}

export function queryInt(query: URLSearchParams, name: string, options: IntOptions = {}): number | undefined {
	const raw = query.get(name);
	if (raw === null || raw === '') return undefined;
	if (!/^-?\d+$/.test(raw)) throw badRequest(`${name} must be an integer`);
	const value = Number(raw);
	if (options.min !== undefined && value < options.min) throw badRequest(`${name} must be at least ${options.min}`);
	if (options.max !== undefined && value > options.max) throw badRequest(`${name} must be at most ${options.max}`);
	return value;
}

export function requiredQueryInt(query: URLSearchParams, name: string, options: IntOptions = {}): number {
	const value = queryInt(query, name, options);
	if (value === undefined) throw badRequest(`${name} is required`);
	return value;
}

export function queryText(query: URLSearchParams, name: string): string | undefined {
	const raw = query.get(name);
	return raw === null || raw === '' ? undefined : raw;
}

/** An ISO 8601 query parameter as epoch milliseconds. */
export function queryIso(query: URLSearchParams, name: string): number | undefined {
	const raw = queryText(query, name);
	if (raw === undefined) return undefined;
	const ms = parseIsoWithOffset(raw);
	if (Number.isNaN(ms)) throw badRequest(`${name} must be an ISO 8601 date-time with an offset or Z, e.g. 2025-11-21T10:21:11Z`);
	return ms;
}

/** `from`/`to` of a listing, rejecting an inverted interval. */
export function queryInterval(query: URLSearchParams): { from?: number; to?: number } {
	const from = queryIso(query, 'from');
	const to = queryIso(query, 'to');
	if (from !== undefined && to !== undefined && to < from) throw badRequest('to must not be before from');
	return { from, to };
}

/** `unitId` or `serialNumber` from the query (GET /Control). */
export function queryUnitRef(query: URLSearchParams): UnitRef {
	const unitId = queryInt(query, 'unitId', { min: 1 });
	const serialNumber = queryText(query, 'serialNumber');
	if (unitId === undefined && serialNumber === undefined) throw badRequest('unitId or serialNumber is required');
	if (unitId !== undefined && serialNumber !== undefined) throw badRequest('unitId and serialNumber cannot both be set; specify either one');
	if (serialNumber !== undefined && !/^\d+$/.test(serialNumber)) throw badRequest('serialNumber must be a string of digits');
	return { unitId, serialNumber };
}

/** A numeric path segment such as `{unitId}` or `{id}`. */
export function pathInt(raw: string | undefined, name: string): number {
	if (raw === undefined || !/^\d+$/.test(raw)) throw badRequest(`${name} must be a positive integer`);
	return Number(raw);
}
