/** FlexyKey → Control → Set Output with "Wait for Confirmation": the command once, then GET /Control until the output shows it. */
import { eachDialect } from '../../harness/simulator';
import { NODE, UNIT_PLAIN, unitRef, useFlexyKeyNode } from './helpers';

const fk = useFlexyKeyNode();

const setOutput = (parameters: Record<string, unknown>) => ({
	resource: 'control',
	operation: 'setOutput',
	unit: unitRef(UNIT_PLAIN),
	waitForConfirmation: true,
	confirmTimeout: 4,
	confirmInterval: 2,
	...parameters,
});

// GET /Control's IO items are inferred (b writes them as flags): the confirmation reads them in every dialect.
eachDialect(fk.handle, () => describe('Control → Set Output → Wait for Confirmation', () => {
	test('ON: the API answer plus the confirmed state and its status time', async () => {
		const run = await fk.run(setOutput({ outputNumber: 'F1', outputAction: 'ON' }));
		expect(run.error).toBeUndefined();
		const status = fk.handle.sim.flexykey.ioState(UNIT_PLAIN);
		expect(run.json(NODE)).toEqual([
			{
				status: 'OK',
				unitId: UNIT_PLAIN,
				outputNumber: 'F1',
				outputAction: 'ON',
				messageId: null,
				confirmed: true,
				confirmedState: 'ON',
				confirmedStatusTimestampIso: status.statusTimestampIso,
				lastSeenState: 'ON',
				waitedMs: expect.any(Number),
			},
		]);
		expect(fk.requests('/Control', 'POST')).toHaveLength(1);
		expect(fk.requests('/Control', 'GET')).toHaveLength(1);
	});

	test('an offline unit accepts the command but never switches: the item fails at the timeout, the command sent once', async () => {
		fk.handle.sim.flexykey.setUnitOnline(UNIT_PLAIN, false);
		const run = await fk.run(setOutput({ outputNumber: 'F2', outputAction: 'ON' }));
		expect(run.error?.message).toBe('FlexyKey: output F2 did not show ON within 4 s (last seen: OFF)');
		expect(run.error?.description).toMatch(/The command was sent and accepted/);
		expect(fk.requests('/Control', 'POST')).toHaveLength(1);
		// Read no faster than the 2-second cache guard: at 0 s, 2 s and 4 s at most.
		expect(fk.requests('/Control', 'GET').length).toBeGreaterThanOrEqual(2);
		expect(fk.requests('/Control', 'GET').length).toBeLessThanOrEqual(3);
	});

	test('If Not Confirmed = Output Unconfirmed: confirmed false with the last state seen', async () => {
		fk.handle.sim.flexykey.setUnitOnline(UNIT_PLAIN, false);
		const run = await fk.run(setOutput({ outputNumber: 'F2', outputAction: 'ON', ifNotConfirmed: 'output' }));
		expect(run.error).toBeUndefined();
		expect(run.json(NODE)[0]).toMatchObject({ status: 'OK', confirmed: false, confirmedState: null, lastSeenState: 'OFF' });
	});

	test('a pulse is confirmed by the output showing ON', async () => {
		const run = await fk.run(setOutput({ outputNumber: 'F2', outputAction: 'PULSE', pulseSeconds: 30 }));
		expect(run.json(NODE)[0]).toMatchObject({ outputAction: '30', confirmed: true, confirmedState: 'ON' });
	});

	test('a poll interval under the status cache guard is refused before the command is sent', async () => {
		const run = await fk.run(setOutput({ outputNumber: 'F1', outputAction: 'ON', confirmInterval: 1 }));
		expect(run.error?.message).toBe('Confirmation Poll Interval (Seconds): must be at least 2 (the status cache guard)');
		expect(fk.requests('/Control')).toHaveLength(0);
	});
}));
