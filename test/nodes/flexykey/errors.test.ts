/** FlexyKey action node error paths: 401, 403, 404, 429 (waited out), continueOnFail shape and pairedItem. */
import { callLoadOptions } from '../../harness/load-options';
import { NODE, UNIT_PLAIN, UNIT_WEXP, pairedWith, unitRef, useFlexyKeyNode } from './helpers';
import { eachDialect } from '../../harness/simulator';

const fk = useFlexyKeyNode();

const setOutput = (outputNumber = 'F1') => ({ resource: 'control', operation: 'setOutput', unit: unitRef(UNIT_PLAIN), outputNumber, outputAction: 'ON' });
const outputState = (unitId: number, globalNumber: string) =>
	[...fk.handle.sim.flexykey.ioState(unitId).fOutputs, ...fk.handle.sim.flexykey.ioState(unitId).xOutputs].find((output) => output.globalNumber === globalNumber)?.state;

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(fk.handle, () => {
	describe('401: wrong password', () => {
		test('the vendor message, the status and a credential hint; the password appears nowhere', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'getMany', returnAll: true }, { password: 'not-the-password' });
			expect(run.error?.message).toBe('FlexyKey: Invalid username or password (HTTP 401)');
			expect(run.error?.httpCode).toBe('401');
			expect(run.error?.description).toContain('Check the FlexyKey credential');
			expect(JSON.stringify({ message: run.error?.message, description: run.error?.description })).not.toContain('not-the-password');
			expect(fk.requests()).toEqual([expect.objectContaining({ status: 401, username: 'demo@flexykey.test' })]);
		});

		test('a write is not retried and changes nothing', async () => {
			const run = await fk.run(setOutput(), { password: 'wrong' });
			expect(run.error?.httpCode).toBe('401');
			expect(outputState(UNIT_PLAIN, 'F1')).toBe('OFF');
			expect(fk.requests()).toHaveLength(1);
		});

		test('a dropdown with a wrong password fails with the same message', async () => {
			const values = fk.handle.credentials();
			values.flexyKeyApi = { ...values.flexyKeyApi, password: 'wrong' };
			await expect(
				callLoadOptions('getWebhookEvents', { nodeType: 'flexyKey', credentialType: 'flexyKeyApi', parameters: {}, credentials: values }),
			).rejects.toThrow('FlexyKey: Invalid username or password (HTTP 401)');
		});
	});

	describe('403: the other company\'s user', () => {
		test('Set Output on a unit it does not own: access error, nothing switched', async () => {
			const run = await fk.run(setOutput(), { user: 'other' });
			expect(run.error?.message).toBe('FlexyKey: Access denied: user other@flexykey.test does not belong to the company that owns unit 3023 (HTTP 403)');
			expect(run.error?.httpCode).toBe('403');
			expect(run.error?.description).toContain('not allowed');
			expect(outputState(UNIT_PLAIN, 'F1')).toBe('OFF');
		});

		test('Booking Create on a booking object it does not own', async () => {
			const run = await fk.run(
				{ resource: 'booking', operation: 'create', bookingObjectId: 501, from: '2030-01-01T10:00:00Z', to: '2030-01-01T11:00:00Z', additionalFields: {} },
				{ user: 'other' },
			);
			expect(run.error?.httpCode).toBe('403');
			expect(run.error?.message).toContain('booking object 501');
		});

		test('its own unit list is empty (no items, no error)', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'getMany', returnAll: true }, { user: 'other' });
			expect(run.error).toBeUndefined();
			expect(run.json(NODE)).toEqual([]);
		});

		test('the outputs dropdown for a unit it does not own fails with the access error', async () => {
			const values = fk.handle.credentials({ flexyKeyUser: 'other' });
			await expect(
				callLoadOptions('getUnitOutputs', { nodeType: 'flexyKey', credentialType: 'flexyKeyApi', parameters: { unit: unitRef(UNIT_PLAIN) }, credentials: values }),
			).rejects.toThrow(/Access denied.*\(HTTP 403\)/);
		});
	});

	describe('404: unknown IDs', () => {
		test('an unknown unit', async () => {
			const run = await fk.run({ resource: 'unit', operation: 'get', unit: unitRef(9999) });
			expect(run.error?.message).toBe('FlexyKey: Unit not found: unit 9999 (HTTP 404)');
			expect(run.error?.httpCode).toBe('404');
			expect(run.error?.description).toBe('GET /Units/9999 answered HTTP 404. The ID does not exist (or was deleted).');
		});

		test('an unknown unit in Set Output (no write happens anywhere)', async () => {
			const run = await fk.run({ ...setOutput(), unit: unitRef(9999) });
			expect(run.error?.message).toBe('FlexyKey: Unit not found: unit 9999 (HTTP 404)');
		});
	});

	describe('continueOnFail', () => {
		test('each failure becomes that item\'s output ({error, description, httpCode}), paired; the rest run', async () => {
			const run = await fk.run(
				{ resource: 'control', operation: 'getStatus', unit: unitRef('={{ $json.unit }}') },
				{ continueOnFail: true, input: [{ unit: UNIT_PLAIN }, { unit: 9999 }, { unit: 'abc' }, { unit: UNIT_WEXP }] },
			);
			expect(run.error).toBeUndefined();
			const out = run.json(NODE);
			expect(out).toHaveLength(4);
			expect(out[0]).toMatchObject({ unitId: UNIT_PLAIN, isCached: true });
			expect(out[1]).toEqual({ error: 'FlexyKey: Unit not found: unit 9999 (HTTP 404)', description: expect.stringContaining('HTTP 404'), httpCode: '404' });
			expect(out[2]).toEqual({ error: 'Unit: "abc" is not a unit ID (digits only)', description: 'Fix "Unit" on item 2 and run again. Nothing was sent.' });
			expect(out[3]).toMatchObject({ unitId: UNIT_WEXP });
			expect(pairedWith(run)).toEqual([0, 1, 2, 3]);
			// The bad unit ID never reached the API.
			expect(fk.requests('/Control').map((entry) => entry.query)).toEqual(expect.arrayContaining([`unitId=${UNIT_PLAIN}`, 'unitId=9999', `unitId=${UNIT_WEXP}`]));
			expect(fk.requests('/Control')).toHaveLength(3);
		});

		test('without it, the first failure stops the run and names its item', async () => {
			const run = await fk.run(setOutput('={{ $json.output }}'), { input: [{ output: 'F1' }, { output: 'F9' }, { output: 'F2' }] });
			expect(run.error?.message).toMatch(/^Output: "F9" is not an output/);
			expect(run.error?.context?.itemIndex).toBe(1);
			// Sequential: the item before ran, the one after never started.
			expect(outputState(UNIT_PLAIN, 'F1')).toBe('ON');
			expect(outputState(UNIT_PLAIN, 'F2')).toBe('OFF');
		});
	});
});

// GET and POST /Control (documented) under a rate limit: no inferred shape is read, and the pacer learns the
// limit once per file (a second dialect run would never meet a 429), so this runs once.
describe('429: a tight rate limit is waited out', () => {
	const knob = () => fk.handle.sim.config.flexykey;
	let saved: ReturnType<typeof knob>['rateLimit'];
	beforeEach(() => {
		saved = knob().rateLimit;
		knob().rateLimit = { mode: 'fixed', limit: 2, windowMs: 1000 };
	});
	afterEach(() => {
		knob().rateLimit = saved;
	});

	test('concurrent reads that hit 429 wait for Retry-After and all succeed', async () => {
		const started = Date.now();
		const units = [3023, 3024, 3026, 3023, 3024];
		const run = await fk.run({ resource: 'control', operation: 'getStatus', unit: unitRef('={{ $json.unit }}') }, { input: units.map((unit) => ({ unit })) });
		expect(run.error).toBeUndefined();
		expect(run.json(NODE).map((status) => status.unitId)).toEqual(units);
		expect(pairedWith(run)).toEqual([0, 1, 2, 3, 4]);
		expect(fk.handle.sim.flexykey.rateLimited).toBeGreaterThan(0);
		expect(fk.requests().filter((entry) => entry.status === 429).length).toBe(fk.handle.sim.flexykey.rateLimited);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	test('sequential writes are paced under the limit and all land', async () => {
		const started = Date.now();
		const outputs = ['F1', 'F2', 'F1', 'F2', 'F1'];
		const actions = ['ON', 'ON', 'OFF', 'OFF', 'ON'];
		const run = await fk.run(
			{ resource: 'control', operation: 'setOutput', unit: unitRef(UNIT_PLAIN), outputNumber: '={{ $json.output }}', outputAction: '={{ $json.action }}' },
			{ input: outputs.map((output, index) => ({ output, action: actions[index] })) },
		);
		expect(run.error).toBeUndefined();
		expect(run.json(NODE).map((row) => `${row.outputNumber}=${row.outputAction}`)).toEqual(['F1=ON', 'F2=ON', 'F1=OFF', 'F2=OFF', 'F1=ON']);
		expect(outputState(UNIT_PLAIN, 'F1')).toBe('ON');
		expect(outputState(UNIT_PLAIN, 'F2')).toBe('OFF');
		// Every write was acted on exactly once (a 429 is not an action).
		expect(fk.requests('/Control', 'POST').filter((entry) => entry.status === 200)).toHaveLength(5);
		// Five calls at two a second take more than two seconds.
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	});
});
