/** FlexyKey simulator contract: booking objects and bookings (paths and fields inferred, API-NOTES B). */
import type { bookingView } from '../../simulator/flexykey/routes/bookings';
import { useFlexyKey } from './flexykey-helpers';

const fk = useFlexyKey();

type BookingView = ReturnType<typeof bookingView>;

const DAY = 86_400_000;
/** A whole-hour UTC timestamp `days` days from now at `hour`:00. */
const at = (days: number, hour: number) => new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + hour * 3_600_000).toISOString().replace('.000Z', 'Z');

const create = (body: Record<string, unknown>) => fk.call<BookingView>('POST', '/Bookings', body);
const valid = (extra: Record<string, unknown> = {}) => ({ bookingObjectId: 502, fromIso: at(3, 17), toIso: at(3, 19), name: 'Sauna evening', description: 'Family', ...extra });

describe('GET /BookingObjects', () => {
	test('lists the company objects; the other company sees none', async () => {
		const res = await fk.call<Array<{ bookingObjectId: number; name: string }>>('GET', '/BookingObjects');
		expect(res.status).toBe(200);
		expect(res.body.map((object) => object.bookingObjectId)).toEqual([501, 502, 503]);
		expect(res.body[0]).toMatchObject({ name: 'Laundry room', unitId: 3023 });
		expect((await fk.call('GET', '/BookingObjects', undefined, { user: 'other' })).body).toEqual([]);
	});
});

describe('GET /Bookings', () => {
	test('lists an object’s bookings by start time; from/to select overlapping ones', async () => {
		const all = (await fk.call<BookingView[]>('GET', '/Bookings?bookingObjectId=501')).body;
		expect(all.map((booking) => booking.bookingId)).toEqual([9001, 9002]);
		const from = encodeURIComponent(at(1, 11));
		const to = encodeURIComponent(at(1, 12));
		expect((await fk.call<BookingView[]>('GET', `/Bookings?bookingObjectId=501&from=${from}&to=${to}`)).body.map((b) => b.bookingId)).toEqual([9002]);
		expect((await fk.call<BookingView[]>('GET', '/Bookings?bookingObjectId=502')).body).toEqual([]);
	});

	test('errors: bookingObjectId required, inverted interval, unknown object, other company', async () => {
		expect((await fk.call('GET', '/Bookings')).body).toEqual({ status: 400, message: 'bookingObjectId is required' });
		expect((await fk.call('GET', `/Bookings?bookingObjectId=501&from=${encodeURIComponent(at(2, 0))}&to=${encodeURIComponent(at(1, 0))}`)).status).toBe(400);
		expect((await fk.call('GET', '/Bookings?bookingObjectId=501&from=tomorrow')).status).toBe(400);
		expect((await fk.call('GET', '/Bookings?bookingObjectId=999')).status).toBe(404);
		expect((await fk.call('GET', '/Bookings?bookingObjectId=501', undefined, { user: 'other' })).body).toEqual({ status: 403, message: expect.stringMatching(/access/i) });
	});
});

describe('POST /Bookings', () => {
	test('creates a booking with a server bookingId, stores times in UTC and echoes additional fields', async () => {
		const res = await create(valid({ fromIso: '2030-05-01T10:00:00+02:00', toIso: '2030-05-01T12:30:00+02:00', externalRef: 'PMS-42', guests: 3, meta: { room: 'A' } }));
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({
			bookingId: expect.any(Number),
			bookingObjectId: 502,
			fromIso: '2030-05-01T08:00:00Z',
			toIso: '2030-05-01T10:30:00Z',
			name: 'Sauna evening',
			description: 'Family',
			externalRef: 'PMS-42',
			guests: 3,
			meta: { room: 'A' },
		});
		expect((await fk.call('GET', `/Bookings/${res.body.bookingId}`)).body).toEqual(res.body);
		expect((await fk.call<BookingView[]>('GET', '/Bookings?bookingObjectId=502')).body).toEqual([res.body]);
	});

	test('additional fields cannot override the server bookingId', async () => {
		const res = await create(valid({ bookingId: 1 }));
		expect(res.body.bookingId).not.toBe(1);
	});

	test.each([
		['no bookingObjectId', { bookingObjectId: undefined }, /^bookingObjectId is required/],
		['a string bookingObjectId', { bookingObjectId: '502' }, /^bookingObjectId/],
		['no fromIso', { fromIso: undefined }, /^fromIso is required/],
		['no toIso', { toIso: undefined }, /^toIso is required/],
		['a fromIso without offset', { fromIso: '2030-05-01T10:00:00' }, /^fromIso/],
		['a date-only toIso', { toIso: '2030-05-01' }, /^toIso/],
		['toIso equal to fromIso', { toIso: at(3, 17) }, /^toIso must be after fromIso/],
		['toIso before fromIso', { toIso: at(3, 16) }, /^toIso must be after fromIso/],
		['a numeric name', { name: 5 }, /^name/],
	])('%s → 400', async (_label, change, message) => {
		const res = await create(valid(change));
		expect(res.body).toEqual({ status: 400, message: expect.stringMatching(message) });
	});

	test('an overlapping booking on the same object is 409; adjacent ones are fine', async () => {
		expect((await create(valid())).status).toBe(201);
		expect((await create(valid({ fromIso: at(3, 18), toIso: at(3, 20) }))).body).toEqual({ status: 409, message: expect.stringMatching(/already booked/) });
		expect((await create(valid({ fromIso: at(3, 19), toIso: at(3, 20) }))).status).toBe(201);
		expect((await create(valid({ bookingObjectId: 501 }))).status).toBe(201);
	});

	test('unknown object 404; other company 403 and nothing stored', async () => {
		expect((await create(valid({ bookingObjectId: 999 }))).status).toBe(404);
		expect((await fk.call('POST', '/Bookings', valid(), { user: 'other' })).status).toBe(403);
		expect((await fk.call<BookingView[]>('GET', '/Bookings?bookingObjectId=502')).body).toEqual([]);
	});
});

describe('GET, PUT and DELETE /Bookings/{bookingId}', () => {
	test('GET: unknown 404, other company 403, non-numeric 400', async () => {
		expect((await fk.call('GET', '/Bookings/9001')).body).toMatchObject({ bookingId: 9001, bookingObjectId: 501 });
		expect((await fk.call('GET', '/Bookings/424242')).status).toBe(404);
		expect((await fk.call('GET', '/Bookings/9001', undefined, { user: 'other' })).status).toBe(403);
		expect((await fk.call('GET', '/Bookings/abc')).status).toBe(400);
	});

	test('PUT updates the fields sent and keeps the rest', async () => {
		const created = (await create(valid({ externalRef: 'PMS-1' }))).body;
		const res = await fk.call<BookingView>('PUT', `/Bookings/${created.bookingId}`, { toIso: at(3, 20), name: 'Longer evening', note: 'late' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ bookingId: created.bookingId, fromIso: created.fromIso, toIso: at(3, 20), name: 'Longer evening', description: 'Family', externalRef: 'PMS-1', note: 'late' });
		const moved = await fk.call<BookingView>('PUT', `/Bookings/${created.bookingId}`, { bookingObjectId: 503 });
		expect(moved.body.bookingObjectId).toBe(503);
	});

	test('PUT errors: interval on the merged booking, overlap 409, unknown 404, other company 403', async () => {
		expect((await fk.call('PUT', '/Bookings/9001', { toIso: at(1, 6) })).body).toEqual({ status: 400, message: 'toIso must be after fromIso' });
		expect((await fk.call('PUT', '/Bookings/9001', { toIso: at(1, 11) })).status).toBe(409);
		expect((await fk.call('PUT', '/Bookings/9001', { fromIso: 'soon' })).status).toBe(400);
		expect((await fk.call('PUT', '/Bookings/424242', { name: 'x' })).status).toBe(404);
		expect((await fk.call('PUT', '/Bookings/9001', { name: 'x' }, { user: 'other' })).status).toBe(403);
		expect((await fk.call('PUT', '/Bookings/9001', { bookingObjectId: 999 })).status).toBe(404);
		expect((await fk.call<BookingView>('GET', '/Bookings/9001')).body.name).toBe('Anna Svensson');
	});

	test('DELETE answers 204 and the booking is gone; other company 403', async () => {
		expect((await fk.call('DELETE', '/Bookings/9001', undefined, { user: 'other' })).status).toBe(403);
		const res = await fk.call('DELETE', '/Bookings/9001');
		expect(res.status).toBe(204);
		expect((await fk.call('GET', '/Bookings/9001')).status).toBe(404);
		expect((await fk.call('DELETE', '/Bookings/9001')).status).toBe(404);
	});
});
