/**
 * Booking objects and bookings (all paths and fields inferred, API-NOTES B). Additional body fields
 * are stored and echoed; times are stored as UTC ISO 8601 with `Z`.
 */
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { accessibleBookingObject, pathInt, queryInterval, requiredQueryInt } from '../access';
import { badRequest, conflict, notFound } from '../errors';
import * as shapes from '../dialects';
import { on, type Runtime } from '../runtime';
import { createBookingSchema, parseBody, updateBookingSchema } from '../schemas';
import { isoUtc, parseIsoWithOffset } from '../time';
import type { Booking, FlexyKeyUser } from '../types';

const MAX_BOOKINGS = 500;
const KNOWN_FIELDS = new Set(['bookingId', 'bookingObjectId', 'fromIso', 'toIso', 'name', 'description', 'createdIso', 'updatedIso']);

export function bookingView(booking: Booking) {
	return {
		...booking.extra,
		bookingId: booking.bookingId,
		bookingObjectId: booking.bookingObjectId,
		fromIso: booking.fromIso,
		toIso: booking.toIso,
		name: booking.name,
		description: booking.description,
		createdIso: booking.createdIso,
		updatedIso: booking.updatedIso,
	};
}

function extraFields(body: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(body).filter(([key]) => !KNOWN_FIELDS.has(key)));
}

// inferred: stored in UTC with Z (the API-wide timestamp format)
const toUtc = (iso: string): string => isoUtc(parseIsoWithOffset(iso));

function checkInterval(rt: Runtime, booking: Pick<Booking, 'bookingId' | 'bookingObjectId' | 'fromIso' | 'toIso'>): void {
	const from = Date.parse(booking.fromIso);
	const to = Date.parse(booking.toIso);
	if (to <= from) throw badRequest('toIso must be after fromIso');
	// inferred: a booking object cannot be double-booked
	const clash = rt.state.bookings.find(
		(other) => other.bookingObjectId === booking.bookingObjectId && other.bookingId !== booking.bookingId && Date.parse(other.fromIso) < to && Date.parse(other.toIso) > from,
	);
	if (clash) throw conflict(`Booking object ${booking.bookingObjectId} is already booked in that interval (bookingId ${clash.bookingId})`);
}

function ownedBooking(rt: Runtime, user: FlexyKeyUser, rawId: string | undefined): Booking {
	const bookingId = pathInt(rawId, 'bookingId');
	const booking = rt.state.bookings.find((candidate) => candidate.bookingId === bookingId);
	if (!booking) throw notFound(`Booking not found: ${bookingId}`);
	accessibleBookingObject(rt, user, booking.bookingObjectId);
	return booking;
}

export function registerBookingRoutes(router: Router, rt: Runtime): void {
	// inferred: booking object shape { bookingObjectId, name, description, unitId }
	on(router, 'GET', '/BookingObjects', (req) =>
		reply.json(
			200,
			shapes.bookingObjects(
				rt.dialect(),
				rt.state.bookingObjects
					.filter((object) => object.company === req.user.company)
					.map(({ bookingObjectId, name, description, unitId }) => ({ bookingObjectId, name, description, unitId })),
			),
		),
	);

	on(router, 'GET', '/Bookings', (req) => {
		// inferred: bookingObjectId is required; from/to select bookings overlapping the interval
		const bookingObjectId = requiredQueryInt(req.query, 'bookingObjectId', { min: 1 });
		accessibleBookingObject(rt, req.user, bookingObjectId);
		const { from, to } = queryInterval(req.query);
		const rows = rt.state.bookings
			.filter(
				(booking) =>
					booking.bookingObjectId === bookingObjectId &&
					(from === undefined || Date.parse(booking.toIso) > from) &&
					(to === undefined || Date.parse(booking.fromIso) < to),
			)
			.sort((a, b) => Date.parse(a.fromIso) - Date.parse(b.fromIso))
			.slice(0, MAX_BOOKINGS)
			.map(bookingView);
		return reply.json(200, shapes.bookingRows(rt.dialect(), rows));
	});

	on(router, 'GET', '/Bookings/:bookingId', (req) => reply.json(200, shapes.booking(rt.dialect(), bookingView(ownedBooking(rt, req.user, req.params.bookingId)))));

	on(router, 'POST', '/Bookings', (req) => {
		const body = parseBody(createBookingSchema, req.body);
		accessibleBookingObject(rt, req.user, body.bookingObjectId);
		const nowIso = isoUtc(rt.now());
		const booking: Booking = {
			bookingId: rt.nextId('booking'),
			bookingObjectId: body.bookingObjectId,
			fromIso: toUtc(body.fromIso),
			toIso: toUtc(body.toIso),
			name: body.name ?? null,
			description: body.description ?? null,
			extra: extraFields(body),
			createdIso: nowIso,
			updatedIso: nowIso,
		};
		checkInterval(rt, booking);
		rt.state.bookings.push(booking);
		return reply.json(201, shapes.booking(rt.dialect(), bookingView(booking)));
	});

	on(router, 'PUT', '/Bookings/:bookingId', (req) => {
		const body = parseBody(updateBookingSchema, req.body);
		const booking = ownedBooking(rt, req.user, req.params.bookingId);
		if (body.bookingObjectId !== undefined) accessibleBookingObject(rt, req.user, body.bookingObjectId);
		// inferred: PUT updates the fields present; omitted fields keep their values
		const next: Booking = {
			...booking,
			bookingObjectId: body.bookingObjectId ?? booking.bookingObjectId,
			fromIso: body.fromIso !== undefined ? toUtc(body.fromIso) : booking.fromIso,
			toIso: body.toIso !== undefined ? toUtc(body.toIso) : booking.toIso,
			name: body.name !== undefined ? body.name : booking.name,
			description: body.description !== undefined ? body.description : booking.description,
			extra: { ...booking.extra, ...extraFields(body) },
			updatedIso: isoUtc(rt.now()),
		};
		checkInterval(rt, next);
		Object.assign(booking, next);
		return reply.json(200, shapes.booking(rt.dialect(), bookingView(booking)));
	});

	on(router, 'DELETE', '/Bookings/:bookingId', (req) => {
		const booking = ownedBooking(rt, req.user, req.params.bookingId);
		rt.state.bookings = rt.state.bookings.filter((candidate) => candidate !== booking);
		return reply.deleted(shapes.bookingDeleted(rt.dialect(), { bookingId: booking.bookingId }));
	});
}
