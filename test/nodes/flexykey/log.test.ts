/** FlexyKey → Log: Get Many for a unit in a date range; Evva units get a clear message. */
import { NODE, PLAIN_SERIAL, UNIT_EVVA, UNIT_PLAIN, UNIT_WEXP, pairedWith, unitRef, useFlexyKeyNode } from './helpers';
import { eachDialect } from '../../harness/simulator';

const fk = useFlexyKeyNode();
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

const logs = (parameters: Record<string, unknown>) => ({ resource: 'log', operation: 'getMany', unit: unitRef(UNIT_PLAIN), returnAll: true, ...parameters });

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(fk.handle, (dialect) => {
	describe('Log → Get Many', () => {
		test('the rows in the range, newest first, one item each, as the API gives them', async () => {
			const now = Date.now();
			const run = await fk.run(logs({ from: iso(now - 25 * HOUR), to: iso(now) }));
			expect(run.error).toBeUndefined();
			const rows = run.json(NODE);
			// The seeded history has one row every 6 hours.
			expect(rows).toHaveLength(4);
			const times = rows.map((row) => Date.parse(String(row.timestampIso)));
			expect([...times].sort((a, b) => b - a)).toEqual(times);
			if (dialect === 'a') {
				expect(rows[0]).toEqual(
					expect.objectContaining({ logId: expect.any(Number), unitId: UNIT_PLAIN, eventType: expect.any(String), message: expect.any(String), timestamp: expect.any(String) }),
				);
			}
			expect(pairedWith(run)).toEqual([0, 0, 0, 0]);
			const [request] = fk.requests('/Logs');
			expect(new URLSearchParams(request.query).get('unitId')).toBe(String(UNIT_PLAIN));
		});

		test('what the node did shows up in the log (Set Output, then Get Many by serial number)', async () => {
			const before = Date.now() - 1000;
			await fk.run({ resource: 'control', operation: 'setOutput', unit: unitRef(UNIT_PLAIN), outputNumber: 'F2', outputAction: 'ON' });
			const run = await fk.run(logs({ unit: unitRef(PLAIN_SERIAL, 'serialNumber'), from: iso(before), to: iso(Date.now() + 1000) }));
			// Same second, so newest first means the later row ID first.
			if (dialect === 'a') expect(run.json(NODE).map((row) => row.message)).toEqual(['Output F2 changed to ON', 'Output F2 set ON via API by demo@flexykey.test']);
			// In every dialect the rows carry those texts (b calls the key `text`).
			expect(run.json(NODE).map((row) => Object.values(row).find((value) => typeof value === 'string' && value.startsWith('Output F2')))).toEqual(['Output F2 changed to ON', 'Output F2 set ON via API by demo@flexykey.test']);
		});

		test('dates go out as UTC ISO 8601; an offset is honoured', async () => {
			await fk.run(logs({ from: '2026-04-22T14:00:00+02:00', to: '2026-04-23T12:00:00Z' }));
			const query = new URLSearchParams(fk.requests('/Logs')[0].query);
			expect(query.get('from')).toBe('2026-04-22T12:00:00Z');
			expect(query.get('to')).toBe('2026-04-23T12:00:00Z');
		});

		test('a date without an offset (the date picker\'s format) is read in the workflow\'s time zone', async () => {
			await fk.run(logs({ from: '2026-01-15T12:00:00', to: '2026-07-15T12:00:00' }), { timezone: 'Europe/Stockholm' });
			const query = new URLSearchParams(fk.requests('/Logs')[0].query);
			expect(query.get('from')).toBe('2026-01-15T11:00:00Z');
			expect(query.get('to')).toBe('2026-07-15T10:00:00Z');
		});

		test('dates from Luxon expressions ($now) work', async () => {
			const run = await fk.run(logs({ from: '={{ $now.minus({ hours: 13 }) }}', to: '={{ $now }}' }));
			expect(run.error).toBeUndefined();
			expect(run.json(NODE)).toHaveLength(2);
		});

		test('Limit cuts the rows', async () => {
			const now = Date.now();
			const run = await fk.run(logs({ unit: unitRef(UNIT_WEXP), returnAll: false, limit: 3, from: iso(now - 10 * 24 * HOUR), to: iso(now) }));
			expect(run.json(NODE)).toHaveLength(3);
			if (dialect === 'a') expect(run.json(NODE).every((row) => row.unitId === UNIT_WEXP)).toBe(true);
			expect(new URLSearchParams(fk.requests('/Logs')[0].query).get('unitId')).toBe(String(UNIT_WEXP));
		});

		test('an Evva unit: a clear message that logs are unavailable for Evva units', async () => {
			const run = await fk.run(logs({ unit: unitRef(UNIT_EVVA), from: iso(Date.now() - HOUR), to: iso(Date.now()) }));
			// minimal's units carry no type: the unit read cannot tell, so the API's own 400 comes through
			expect(run.error?.message).toBe(
				dialect === 'minimal'
					? `FlexyKey: Logs are not available for Evva AirKey units (unitId ${UNIT_EVVA}) (HTTP 400)`
					: `Logs are not available for Evva units: unit ${UNIT_EVVA} is an EvvaAirKey unit`,
			);
			expect(run.error?.context?.itemIndex).toBe(0);
			// Decided on the API's 400, confirmed with one unit read.
			expect(fk.requests().map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toEqual(['GET /Logs 400', `GET /Units/${UNIT_EVVA} 200`]);
		});

		test.each([
			[{ from: '={{ $json.from }}', to: '2026-04-23T12:00:00Z' }, { from: '' }, /^From: is required/],
			[{ from: '={{ $json.from }}', to: '2026-04-23T12:00:00Z' }, { from: 'yesterday' }, /^From: "yesterday" is not an ISO 8601 date-time/],
			[{ from: '={{ $json.from }}', to: '2026-04-23T12:00:00Z' }, { from: '2026-02-30T10:00:00Z' }, /^From: "2026-02-30T10:00:00Z" is not an ISO 8601/],
			[{ from: '2026-04-22T12:00:00Z', to: '={{ $json.to }}' }, { to: '2026-04-22T13:00:00+02:00' }, /^To: must be after "From"/],
			[{ from: '2026-04-22T12:00:00Z', to: '={{ $json.to }}' }, { to: '2026-04-22T12:00:00Z' }, /^To: must be after "From"/],
		])('%p with %p is refused locally, nothing sent', async (parameters, input, message) => {
			const run = await fk.run(logs(parameters), { input: [input] });
			expect(run.error?.message).toMatch(message);
			expect(fk.requests()).toHaveLength(0);
		});
	});
});
