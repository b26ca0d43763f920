/** FlexyKey → Unit: Get Many and Get through a real workflow, plus the unit list search. */
import { NODE, PLAIN_SERIAL, UNIT_EVVA, UNIT_PLAIN, UNIT_WEXP, UNIT_X33, X33_SERIAL, listIn, pairedWith, unitRef, useFlexyKeyNode } from './helpers';
import { eachDialect } from '../../harness/simulator';

const fk = useFlexyKeyNode();

// GET /Units as a list (bare array) and GET /Units/{id} are inferred: b wraps them ({units}, {status, unit})
// and renames name/unitType and the main board's IO; minimal has no sensors, counters or unitType. The IO
// objects (API-NOTES A) are the same in every dialect.
eachDialect(fk.handle, (dialect) => {
	describe('Unit → Get Many', () => {
		test('one item per unit, IO as the API gives it', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'getMany', returnAll: true });
			expect(run.error).toBeUndefined();
			const units = run.json(NODE);
			expect(units.map((unit) => unit.unitId)).toEqual([UNIT_PLAIN, UNIT_WEXP, UNIT_EVVA, UNIT_X33]);
			// each unit as the API gives it, out of whatever list envelope it came in
			const { body: apiUnits } = await fk.api('GET', '/Units', undefined, dialect);
			expect(units).toEqual(listIn(apiUnits));
			expect(units[1]).toMatchObject({
				expansions: [expect.objectContaining({ type: 'WEXP', outputs: expect.arrayContaining([{ localNumber: 1, globalNumber: 'X1', description: 'Alarm output' }]) }), expect.anything()],
			});
			if (dialect !== 'minimal') {
				expect(units[1]).toMatchObject({
					sensors: expect.arrayContaining([expect.objectContaining({ sensorNumber: 'H1' })]),
					counters: expect.arrayContaining([expect.objectContaining({ counterNumber: 'C2', inputNumber: 'IX1' })]),
				});
			}
			expect(pairedWith(run)).toEqual([0, 0, 0, 0]);
			expect(fk.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /Units', 'GET /Units']);
		});

		test('Limit cuts the list locally; each input item gets its own list, paired to it', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'getMany', returnAll: false, limit: 2 }, { input: [{}, {}] });
			expect(run.json(NODE).map((unit) => unit.unitId)).toEqual([UNIT_PLAIN, UNIT_WEXP, UNIT_PLAIN, UNIT_WEXP]);
			expect(pairedWith(run)).toEqual([0, 0, 1, 1]);
		});

		test('Limit below 1 from an expression is refused before any request', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'getMany', returnAll: false, limit: '={{ 0 }}' });
			expect(run.error?.message).toMatch(/^Limit: must be at least 1/);
			expect(fk.requests()).toHaveLength(0);
		});
	});

	describe('Unit → Get', () => {
		test('by ID: GET /Units/{unitId}, the unit itself (the same object the list gives)', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'get', unit: unitRef(UNIT_X33) });
			const [unit] = run.json(NODE);
			expect(unit).toMatchObject({ unitId: UNIT_X33, serialNumber: X33_SERIAL });
			expect((unit.expansions as unknown[]).length).toBe(5);
			expect(fk.requests().map((entry) => entry.path)).toEqual([`/Units/${UNIT_X33}`]);
			expect(unit).toEqual(listIn((await fk.api('GET', '/Units', undefined, dialect)).body).find((row) => (row as { unitId: number }).unitId === UNIT_X33));
			if (dialect === 'a') expect(unit).toMatchObject({ name: 'Warehouse', unitType: 'FlexyKey' });
		});

		test('from the list mode (the value is the unit ID)', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'get', unit: unitRef(UNIT_EVVA, 'list') });
			expect(run.json(NODE)).toEqual([expect.objectContaining({ unitId: UNIT_EVVA, serialNumber: '5500012345', expansions: [] })]);
		});

		test('by serial number (leading zero kept): one list read answers', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'get', unit: unitRef(X33_SERIAL, 'serialNumber') });
			expect(run.json(NODE)).toEqual([expect.objectContaining({ unitId: UNIT_X33, serialNumber: X33_SERIAL })]);
			expect(fk.requests().map((entry) => entry.path)).toEqual(['/Units']);
		});

		test('an unknown serial number names the Unit field', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'get', unit: unitRef('999999', 'serialNumber') });
			expect(run.error?.message).toBe('Unit: no unit with serial number 999999 is visible to this user');
		});

		// Static bad values never reach the node (n8n's own parameter checks stop the run); values from
		// expressions do, and are checked per item.
		test('a unit ID that is not a number is refused before any request', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'get', unit: unitRef('={{ $json.unit }}') }, { input: [{ unit: 'abc' }] });
			expect(run.error?.message).toMatch(/^Unit: "abc" is not a unit ID/);
			expect(run.error?.context?.itemIndex).toBe(0);
			expect(fk.requests()).toHaveLength(0);
		});

		test('an empty unit is refused before any request', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'get', unit: unitRef('={{ $json.unit }}') }, { input: [{ unit: '' }] });
			expect(run.error?.message).toBe('Unit: is required');
			expect(fk.requests()).toHaveLength(0);
		});
	});

	describe('searchUnits (list search, real LoadOptionsContext)', () => {
		test('lists every unit, filtered by name, ID or serial number', async () => {
			const all = await fk.listSearch('searchUnits');
			expect(all.results.map((result) => result.value)).toEqual(['3023', '3024', '3025', '3026']);
			// the unit type shows when the server gives one (minimal does not)
			expect(all.results[2].name).toBe(dialect === 'minimal' ? 'Office AirKey cylinder (3025)' : 'Office AirKey cylinder (3025, EvvaAirKey)');
			expect((await fk.listSearch('searchUnits', 'garage')).results.map((result) => result.value)).toEqual(['3024']);
			expect((await fk.listSearch('searchUnits', PLAIN_SERIAL)).results.map((result) => result.value)).toEqual(['3023']);
			// The request went out with the credential's Basic auth.
			expect(fk.requests('/Units').every((entry) => entry.status === 200 && entry.method === 'GET')).toBe(true);
			expect(fk.requests('/Units')[0]).toMatchObject({ status: 200 });
		});
	});
});
