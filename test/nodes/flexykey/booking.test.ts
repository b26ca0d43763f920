/** FlexyKey → Booking: Get Booking Objects, Create, Get, Get Many, Update, Delete, and the objects dropdown. */
import type { IDataObject } from 'n8n-workflow';
import { eachDialect } from '../../harness/simulator';
import { NODE, listIn, pairedWith, useFlexyKeyNode } from './helpers';

const fk = useFlexyKeyNode();
const LAUNDRY = 501;

const create = (parameters: Record<string, unknown> = {}) => ({
	resource: 'booking',
	operation: 'create',
	bookingObjectId: LAUNDRY,
	from: '2030-05-01T10:00:00+02:00',
	to: '2030-05-01T12:00:00+02:00',
	additionalFields: {},
	...parameters,
});

const stored = async (bookingId: unknown) => fk.api('GET', `/Bookings/${bookingId}`);

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(fk.handle, (dialect) => {
	describe('Booking → Get Booking Objects', () => {
		test('one item per object of the user\'s company', async () => {
			const run = await fk.run({ resource: 'booking', operation: 'getObjects' });
			expect(run.json(NODE).map((object) => object.bookingObjectId)).toEqual([501, 502, 503]);
			expect(run.json(NODE)).toEqual(listIn((await fk.api('GET', '/BookingObjects', undefined, dialect)).body));
			if (dialect === 'a') {
				expect(run.json(NODE)).toEqual([
					{ bookingObjectId: 501, name: 'Laundry room', description: 'Laundry room, house A', unitId: 3023 },
					{ bookingObjectId: 502, name: 'Sauna', description: 'Sauna in the garage building', unitId: 3024 },
					{ bookingObjectId: 503, name: 'Guest apartment', description: 'Guest apartment, AirKey cylinder', unitId: 3025 },
				]);
			}
		});
	});

	describe('Booking → Create', () => {
		test('creates the booking; the answer (with its bookingId) as-is; extra JSON fields merged into the body', async () => {
			const run = await fk.run(
				create({ additionalFields: { name: 'Anna Svensson', description: 'Big wash', customFields: '{"reference": "A-17", "guests": 2}' } }),
			);
			expect(run.error).toBeUndefined();
			const [booking] = run.json(NODE);
			// In every dialect: the booking read from the answer (b wraps it under `booking`); its timestamps' keys differ.
			expect(booking).toMatchObject({ reference: 'A-17', guests: 2, bookingId: expect.any(Number), bookingObjectId: LAUNDRY, fromIso: '2030-05-01T08:00:00Z', toIso: '2030-05-01T10:00:00Z', name: 'Anna Svensson', description: 'Big wash' });
			if (dialect === 'a') {
				expect(booking).toEqual({
					reference: 'A-17',
					guests: 2,
					bookingId: expect.any(Number),
					bookingObjectId: LAUNDRY,
					fromIso: '2030-05-01T08:00:00Z',
					toIso: '2030-05-01T10:00:00Z',
					name: 'Anna Svensson',
					description: 'Big wash',
					createdIso: expect.any(String),
					updatedIso: expect.any(String),
				});
			}
			const { status, body } = await stored(booking.bookingId);
			expect(status).toBe(200);
			if (dialect === 'a') expect(body).toEqual(booking);
			expect(body).toMatchObject({ bookingId: booking.bookingId, reference: 'A-17', bookingObjectId: LAUNDRY, fromIso: '2030-05-01T08:00:00Z', name: 'Anna Svensson' });
		});

		test('a clash with another booking: the API\'s 409 comes through', async () => {
			await fk.run(create());
			const run = await fk.run(create({ from: '2030-05-01T11:00:00+02:00', to: '2030-05-01T13:00:00+02:00' }));
			expect(run.error?.message).toMatch(/^FlexyKey: Booking object 501 is already booked in that interval \(bookingId \d+\) \(HTTP 409\)$/);
			expect(run.error?.httpCode).toBe('409');
		});

		test.each([
			[{ bookingObjectId: '={{ $json.v }}' }, { v: 'abc' }, 'Booking Object: "abc" is not a whole number'],
			[{ bookingObjectId: '={{ $json.v }}' }, { v: '' }, 'Booking Object: is required'],
			[{ from: '={{ $json.v }}' }, { v: '1 May 2030' }, /^From: "1 May 2030" is not an ISO 8601 date-time/],
			[{ to: '={{ $json.v }}' }, { v: '2030-05-01T09:00:00+02:00' }, /^To: must be after "From"/],
			[{ to: '={{ $json.v }}' }, { v: '' }, /^To: is required/],
			[{ additionalFields: { customFields: '={{ $json.v }}' } }, { v: '{bad json' }, 'Extra Body Fields (JSON): is not valid JSON'],
			[{ additionalFields: { customFields: '={{ $json.v }}' } }, { v: '[1, 2]' }, /^Extra Body Fields \(JSON\): must be a JSON object/],
			// One policy for every extra-fields option: a key the node sends from its own field is refused, never overridden.
			[{ additionalFields: { customFields: '={{ $json.v }}' } }, { v: '{"reference": "A-17", "bookingObjectId": 502}' }, 'Extra Body Fields (JSON): must not set "bookingObjectId": use the node\'s field "Booking Object" instead'],
			[{ additionalFields: { customFields: '={{ $json.v }}' } }, { v: '{"toIso": "2031-01-01T00:00:00Z"}' }, 'Extra Body Fields (JSON): must not set "toIso": use the node\'s field "To" instead'],
		])('%p with %p is refused locally, nothing sent', async (parameters, input, message) => {
			const run = await fk.run(create(parameters), { input: [input] });
			if (typeof message === 'string') expect(run.error?.message).toBe(message);
			else expect(run.error?.message).toMatch(message);
			expect(fk.requests()).toHaveLength(0);
		});
	});

	describe('Booking → Get', () => {
		test('one booking as the API gives it', async () => {
			const run = await fk.run({ resource: 'booking', operation: 'get', bookingId: '9001' });
			if (dialect === 'a') expect(run.json(NODE)).toEqual([(await stored(9001)).body]);
			expect(run.json(NODE)[0]).toMatchObject({ bookingId: 9001, bookingObjectId: LAUNDRY, name: 'Anna Svensson' });
		});

		test('a booking ID that is not a number is refused locally', async () => {
			const run = await fk.run({ resource: 'booking', operation: 'get', bookingId: '={{ $json.id }}' }, { input: [{ id: '90x1' }] });
			expect(run.error?.message).toBe('Booking ID: "90x1" is not a whole number');
			expect(fk.requests()).toHaveLength(0);
		});

		test('an unknown booking: the API\'s 404', async () => {
			const run = await fk.run({ resource: 'booking', operation: 'get', bookingId: '123456' });
			expect(run.error?.message).toBe('FlexyKey: Booking not found: 123456 (HTTP 404)');
			expect(run.error?.httpCode).toBe('404');
		});
	});

	describe('Booking → Get Many', () => {
		const tomorrow = () => new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 86_400_000);

		test('bookings of the object overlapping the range, one item each', async () => {
			const day = tomorrow();
			const run = await fk.run({ resource: 'booking', operation: 'getMany', bookingObjectId: LAUNDRY, from: day.toISOString(), to: new Date(day.getTime() + 86_400_000).toISOString(), returnAll: true });
			expect(run.json(NODE).map((booking) => booking.bookingId)).toEqual([9001, 9002]);
			expect(pairedWith(run)).toEqual([0, 0]);
			const query = new URLSearchParams(fk.requests('/Bookings')[0].query);
			expect(query.get('bookingObjectId')).toBe('501');
			expect(query.get('from')).toBe(day.toISOString().replace('.000Z', 'Z'));
		});

		test('a narrower range and a limit', async () => {
			const day = tomorrow();
			const from = new Date(day.getTime() + 6 * 3_600_000).toISOString();
			const to = new Date(day.getTime() + 20 * 3_600_000).toISOString();
			const limited = await fk.run({ resource: 'booking', operation: 'getMany', bookingObjectId: LAUNDRY, from, to, returnAll: false, limit: 1 });
			expect(limited.json(NODE).map((booking) => booking.bookingId)).toEqual([9001]);
			const late = await fk.run({ resource: 'booking', operation: 'getMany', bookingObjectId: LAUNDRY, from: new Date(day.getTime() + 11 * 3_600_000).toISOString(), to, returnAll: true });
			expect(late.json(NODE).map((booking) => booking.bookingId)).toEqual([9002]);
		});

		test('to before from is refused locally', async () => {
			const run = await fk.run({ resource: 'booking', operation: 'getMany', bookingObjectId: LAUNDRY, from: '2030-01-02T00:00:00Z', to: '2030-01-01T00:00:00Z', returnAll: true });
			expect(run.error?.message).toMatch(/^To: must be after "From"/);
			expect(fk.requests()).toHaveLength(0);
		});
	});

	describe('Booking → Update', () => {
		test('sends only the given fields; the others stay', async () => {
			const run = await fk.run({
				resource: 'booking',
				operation: 'update',
				bookingId: '9002',
				updateFields: { name: 'Erik L.', to: '2099-01-01T00:00:00Z', customFields: '{"reference": "R-9"}' },
			});
			expect(run.error).toBeUndefined();
			const { body } = await stored(9002);
			if (dialect === 'a') expect(run.json(NODE)).toEqual([body]);
			expect(run.json(NODE)).toEqual([expect.objectContaining({ bookingId: 9002, name: 'Erik L.', toIso: '2099-01-01T00:00:00Z', reference: 'R-9', description: 'Seeded booking' })]);
			expect(body).toMatchObject({ bookingId: 9002, name: 'Erik L.', toIso: '2099-01-01T00:00:00Z', reference: 'R-9', description: 'Seeded booking', bookingObjectId: LAUNDRY });
		});

		test('moving a booking to another object and period', async () => {
			const run = await fk.run({
				resource: 'booking',
				operation: 'update',
				bookingId: '9002',
				updateFields: { bookingObjectId: 502, from: '2031-01-01T10:00:00Z', to: '2031-01-01T11:00:00Z' },
			});
			expect(run.json(NODE)[0]).toMatchObject({ bookingId: 9002, bookingObjectId: 502, fromIso: '2031-01-01T10:00:00Z', toIso: '2031-01-01T11:00:00Z' });
			expect((await stored(9002)).body).toMatchObject({ bookingObjectId: 502 });
		});

		test('no field to change, or to before from, is refused locally', async () => {
			const empty = await fk.run({ resource: 'booking', operation: 'update', bookingId: '9001', updateFields: {} });
			expect(empty.error?.message).toBe('Update Fields: add at least one field to change');
			const inverted = await fk.run({ resource: 'booking', operation: 'update', bookingId: '9001', updateFields: { from: '2031-01-02T00:00:00Z', to: '2031-01-01T00:00:00Z' } });
			expect(inverted.error?.message).toMatch(/^To: must be after "From"/);
			expect(fk.requests()).toHaveLength(0);
		});

		test('extra JSON fields cannot change what a node field sets: refused locally, the booking unchanged', async () => {
			const before = (await stored(9002)).body;
			const sentBefore = fk.requests().length;
			const run = await fk.run({ resource: 'booking', operation: 'update', bookingId: '9002', updateFields: { customFields: '{"reference": "R-9", "name": "Someone else"}' } });
			expect(run.error?.message).toBe('Extra Body Fields (JSON): must not set "name": use the node\'s field "Name" instead');
			expect(fk.requests()).toHaveLength(sentBefore);
			expect((await stored(9002)).body).toEqual(before);
		});

		test('only one end given: the API checks it against the stored other end (400 comes through)', async () => {
			const run = await fk.run({ resource: 'booking', operation: 'update', bookingId: '9001', updateFields: { to: '2000-01-01T00:00:00Z' } });
			expect(run.error?.message).toBe('FlexyKey: toIso must be after fromIso (HTTP 400)');
		});
	});

	describe('Booking → Delete', () => {
		// a and minimal answer 204; b confirms with a body, which the output keeps
		const deletedAnswer = (bookingId: number) => (dialect === 'b' ? { status: 'OK', message: `Booking ${bookingId} deleted` } : {});

		test('deletes the booking (204) and says what was deleted', async () => {
			const run = await fk.run({ resource: 'booking', operation: 'delete', bookingId: '9001' });
			expect(run.json(NODE)).toEqual([{ ...deletedAnswer(9001), deleted: true, bookingId: 9001 }]);
			expect((await stored(9001)).status).toBe(404);
			expect(fk.requests('/Bookings/9001', 'DELETE')[0].status).toBe(dialect === 'b' ? 200 : 204);
		});

		test('several items: each deleted in order, paired; a missing one fails alone with continueOnFail', async () => {
			const run = await fk.run({ resource: 'booking', operation: 'delete', bookingId: '={{ $json.id }}' }, { continueOnFail: true, input: [{ id: 9001 }, { id: 9001 }, { id: 9002 }] });
			expect(run.json(NODE)).toEqual([
				{ ...deletedAnswer(9001), deleted: true, bookingId: 9001 },
				expect.objectContaining({ error: 'FlexyKey: Booking not found: 9001 (HTTP 404)', httpCode: '404' }),
				{ ...deletedAnswer(9002), deleted: true, bookingId: 9002 },
			]);
			expect(pairedWith(run)).toEqual([0, 1, 2]);
			expect((await fk.api<IDataObject[]>('GET', '/Bookings?bookingObjectId=501')).body).toEqual([]);
		});
	});
});

// The objects by name in every dialect (b nests them under data.bookingObjects and calls the name
// objectName); their descriptions, which `minimal` leaves out, in a and b.
eachDialect(fk.handle, (dialect) => {
	describe('getBookingObjects (loadOptions, real LoadOptionsContext)', () => {
		test('the objects by name, with their numeric IDs', async () => {
			const options = await fk.loadOptions('getBookingObjects');
			expect(options.map((option) => [option.name, option.value])).toEqual([
				['Laundry room (501)', 501],
				['Sauna (502)', 502],
				['Guest apartment (503)', 503],
			]);
			if (dialect !== 'minimal') expect(options).toEqual([
				{ name: 'Laundry room (501)', value: 501, description: 'Laundry room, house A' },
				{ name: 'Sauna (502)', value: 502, description: 'Sauna in the garage building' },
				{ name: 'Guest apartment (503)', value: 503, description: 'Guest apartment, AirKey cylinder' },
			]);
		});
	});
});
