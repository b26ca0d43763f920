/** FlexyKey → Control: Set Output (ON, OFF, pulse) and Get IO Status, plus the outputs dropdown. */
import { NODE, UNIT_EVVA, UNIT_PLAIN, UNIT_WEXP, UNIT_X33, X33_SERIAL, pairedWith, unitRef, useFlexyKeyNode } from './helpers';
import { eachDialect, ioItem } from '../../harness/simulator';

const fk = useFlexyKeyNode();

const state = (unitId: number, globalNumber: string) => {
	const io = fk.handle.sim.flexykey.ioState(unitId);
	return [...io.fOutputs, ...io.xOutputs].find((output) => output.globalNumber === globalNumber)?.state;
};

const setOutput = (parameters: Record<string, unknown>) => ({ resource: 'control', operation: 'setOutput', unit: unitRef(UNIT_PLAIN), ...parameters });

// Every answer these tests read is of an inferred shape (or an error body, also inferred): they run in
// every dialect; what the node passes through as it came is checked as dialect a's shape in a only.
eachDialect(fk.handle, (dialect) => {
	describe('Control → Set Output', () => {
		test('ON by unit ID: the API answer as-is, and the relay is on', async () => {
			expect(state(UNIT_PLAIN, 'F1')).toBe('OFF');
			const run = await fk.run(setOutput({ outputNumber: 'F1', outputAction: 'ON' }));
			expect(run.error).toBeUndefined();
			expect(run.json(NODE)).toEqual([{ status: 'OK', unitId: UNIT_PLAIN, outputNumber: 'F1', outputAction: 'ON', messageId: null }]);
			expect(state(UNIT_PLAIN, 'F1')).toBe('ON');
			expect(fk.requests('/Control', 'POST')).toHaveLength(1);
		});

		test('OFF switches it back off', async () => {
			await fk.run(setOutput({ outputNumber: 'F2', outputAction: 'ON' }));
			expect(state(UNIT_PLAIN, 'F2')).toBe('ON');
			const run = await fk.run(setOutput({ outputNumber: 'F2', outputAction: 'OFF' }));
			expect(run.json(NODE)[0]).toMatchObject({ outputNumber: 'F2', outputAction: 'OFF' });
			expect(state(UNIT_PLAIN, 'F2')).toBe('OFF');
		});

		test('Pulse by serial number: the seconds go as the string the API expects (X33, "60")', async () => {
			const run = await fk.run(setOutput({ unit: unitRef(X33_SERIAL, 'serialNumber'), outputNumber: 'X33', outputAction: 'PULSE', pulseSeconds: 60 }));
			expect(run.error).toBeUndefined();
			// The simulator binds strictly: a JSON number for outputAction would have been a 400.
			expect(run.json(NODE)).toEqual([{ status: 'OK', unitId: UNIT_X33, outputNumber: 'X33', outputAction: '60', messageId: null }]);
			expect(state(UNIT_X33, 'X33')).toBe('ON');
			const logs = (await fk.api<Array<{ message: string }>>('GET', `/Logs?unitId=${UNIT_X33}`)).body;
			expect(logs.some((row) => row.message.includes('Output X33 pulsed for 60 s'))).toBe(true);
		});

		test('an expression may give the output in lower case and the pulse length as the action', async () => {
			const run = await fk.run(setOutput({ unit: unitRef(UNIT_WEXP), outputNumber: '={{ $json.output }}', outputAction: '={{ $json.action }}' }), {
				input: [{ output: 'x1', action: '5' }],
			});
			expect(run.json(NODE)[0]).toMatchObject({ unitId: UNIT_WEXP, outputNumber: 'X1', outputAction: '5' });
			expect(state(UNIT_WEXP, 'X1')).toBe('ON');
		});

		test('items run in order, one pairedItem each', async () => {
			const run = await fk.run(setOutput({ outputNumber: '={{ $json.output }}', outputAction: 'ON' }), { input: [{ output: 'F1' }, { output: 'F2' }] });
			expect(run.json(NODE).map((row) => row.outputNumber)).toEqual(['F1', 'F2']);
			expect(pairedWith(run)).toEqual([0, 1]);
			expect(state(UNIT_PLAIN, 'F1')).toBe('ON');
			expect(state(UNIT_PLAIN, 'F2')).toBe('ON');
		});

		test.each([
			['F3', /^Output: "F3" is not an output/],
			['X65', /^Output: "X65" is not an output/],
			['IX1', /^Output: "IX1" is not an output/],
			['', /^Output: is required/],
		])('output %p is refused locally, nothing sent', async (output, message) => {
			const run = await fk.run(setOutput({ outputNumber: '={{ $json.output }}', outputAction: 'ON' }), { input: [{ output }] });
			expect(run.error?.message).toMatch(message);
			expect(run.error?.context?.itemIndex).toBe(0);
			expect(fk.requests()).toHaveLength(0);
		});

		test.each([0, 100000, 1.5, -3])('pulse seconds %p is refused locally (1–99999), nothing sent', async (seconds) => {
			const run = await fk.run(setOutput({ outputNumber: 'F1', outputAction: 'PULSE', pulseSeconds: '={{ $json.seconds }}' }), { input: [{ seconds }] });
			expect(run.error?.message).toMatch(/^Pulse Seconds: /);
			expect(fk.requests()).toHaveLength(0);
		});

		test('pulse seconds at the bounds are accepted', async () => {
			const run = await fk.run(setOutput({ outputNumber: 'F1', outputAction: 'PULSE', pulseSeconds: '={{ $json.seconds }}' }), {
				input: [{ seconds: 1 }, { seconds: 99999 }],
			});
			expect(run.json(NODE).map((row) => row.outputAction)).toEqual(['1', '99999']);
		});

		test('an unknown action is refused locally', async () => {
			const run = await fk.run(setOutput({ outputNumber: 'F1', outputAction: '={{ "BLINK" }}' }));
			expect(run.error?.message).toBe('Action: "BLINK" is not ON, OFF or Pulse');
			expect(fk.requests()).toHaveLength(0);
		});

		test('an output the unit does not have: the API\'s 400 comes through with its message', async () => {
			const run = await fk.run(setOutput({ outputNumber: 'X1', outputAction: 'ON' }));
			expect(run.error?.message).toBe(`FlexyKey: outputNumber X1 does not exist on unit ${UNIT_PLAIN}; see GET /Units for its outputs (HTTP 400)`);
			expect(run.error?.httpCode).toBe('400');
		});
	});

	describe('Control → Get IO Status', () => {
		test('by unit ID: the status object as the API gives it', async () => {
			const run = await fk.run({ resource: 'control', operation: 'getStatus', unit: unitRef(UNIT_WEXP) });
			const [status] = run.json(NODE);
			expect(status).toEqual((await fk.api('GET', `/Control?unitId=${UNIT_WEXP}`, undefined, dialect)).body);
			if (dialect === 'a') {
				expect(status).toEqual({ ...fk.handle.sim.flexykey.ioState(UNIT_WEXP), isCached: true });
				expect(status.xInputs).toEqual(expect.arrayContaining([{ globalNumber: 'IX1', state: 'ON' }]));
			}
			expect(fk.requests('/Control')[0]).toMatchObject({ method: 'GET', query: `unitId=${UNIT_WEXP}` });
		});

		test('by serial number, after a Set Output the new state shows', async () => {
			await fk.run(setOutput({ unit: unitRef(UNIT_X33), outputNumber: 'X33', outputAction: 'ON' }));
			const run = await fk.run({ resource: 'control', operation: 'getStatus', unit: unitRef(X33_SERIAL, 'serialNumber') });
			// the IO item in the dialect's own form, passed through as it came
			expect(run.json(NODE)[0].xOutputs).toEqual(expect.arrayContaining([ioItem(dialect, 'X33', 'ON')]));
			expect(fk.requests('/Control', 'GET')[0].query).toBe(`serialNumber=${X33_SERIAL}`);
		});

		test('an Evva unit has no IO status: the API\'s 400 message names it', async () => {
			const run = await fk.run({ resource: 'control', operation: 'getStatus', unit: unitRef(UNIT_EVVA) }, { continueOnFail: true });
			expect(run.json(NODE)).toEqual([
				expect.objectContaining({ error: expect.stringContaining('not available for Evva AirKey units'), httpCode: '400' }),
			]);
		});
	});

	describe('getUnitOutputs (loadOptions, real LoadOptionsContext)', () => {
		test('the chosen unit\'s outputs by globalNumber, main relays and expansion outputs', async () => {
			const options = await fk.loadOptions('getUnitOutputs', { resource: 'control', operation: 'setOutput', unit: unitRef(UNIT_WEXP) });
			expect(options.map((option) => option.value)).toEqual(['F1', 'F2', 'X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8']);
			expect(options[0]).toEqual({ name: 'F1 – Garage door', value: 'F1', description: 'Main unit relay' });
			expect(options[2]).toEqual({ name: 'X1 – Alarm output', value: 'X1', description: 'Expansion module output' });
			expect(fk.requests()).toEqual([expect.objectContaining({ method: 'GET', path: `/Units/${UNIT_WEXP}`, status: 200 })]);
		});

		test('a unit picked by serial number is looked up in the list', async () => {
			const options = await fk.loadOptions('getUnitOutputs', { unit: unitRef(X33_SERIAL, 'serialNumber') });
			expect(options).toHaveLength(2 + 5 * 8);
			expect(options).toContainEqual(expect.objectContaining({ name: 'X33 – Loading dock door', value: 'X33' }));
		});

		test('no unit yet, or a unit from an expression: no options and no request', async () => {
			expect(await fk.loadOptions('getUnitOutputs', { unit: unitRef('', 'list') })).toEqual([]);
			expect(await fk.loadOptions('getUnitOutputs', { unit: unitRef('={{ $json.unitId }}') })).toEqual([]);
			expect(fk.requests()).toHaveLength(0);
		});

		test('an Evva unit has no outputs', async () => {
			expect(await fk.loadOptions('getUnitOutputs', { unit: unitRef(UNIT_EVVA) })).toEqual([]);
		});
	});
});
