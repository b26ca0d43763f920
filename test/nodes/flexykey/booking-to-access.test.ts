/**
 * The booking-to-access workflow: Booking → Create, then Access → Grant Access for the booking's
 * window (expressions on the booking's fromIso/toIso), then the entry synced to the unit.
 */
import type { IDataObject } from 'n8n-workflow';
import { runWorkflow } from '../../harness/run-workflow';
import { eachDialect, useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator();
const UNIT = 3023; // the unit of booking object 501 (Laundry room)
const unit = (value: string | number = UNIT) => ({ __rl: true, mode: 'id', value: String(value) });
const fk = () => handle.sim.flexykey;

const bookingStep = {
	name: 'Create Booking',
	type: 'flexyKey',
	parameters: {
		resource: 'booking',
		operation: 'create',
		bookingObjectId: 501,
		from: '2026-06-01T15:00:00+02:00',
		to: '2026-06-01T18:00:00+02:00',
		additionalFields: { name: 'Guest Nilsson' },
	},
};

const grantStep = (waitForSync: boolean) => ({
	name: 'Grant Access',
	type: 'flexyKey',
	parameters: {
		resource: 'access',
		operation: 'grant',
		unit: unit(),
		idNumber: '={{ "booking-" + $json.bookingId }}',
		entryName: '={{ $json.name }}',
		entryAction: 'R1',
		validFromIso: '={{ $json.fromIso }}',
		validToIso: '={{ $json.toIso }}',
		pinSource: 'generate',
		pinLength: 6,
		waitForSync,
	},
});

// Booking Create outputs the booking wherever the server put it (b answers `{ status, booking }`), so the
// next node's expressions read its bookingId and window in every dialect.
eachDialect(handle, (dialect) => {
	test('Booking Create → Grant Access (wait for sync): a PIN valid exactly for the booking, on the unit', async () => {
		const run = await runWorkflow(chain(bookingStep, grantStep(true)), { credentials: handle.credentials() });
		expect(run.error).toBeUndefined();
		expect(run.order).toEqual(['Manual Trigger', 'Create Booking', 'Grant Access']);

		const [booking] = run.json('Create Booking');
		expect(booking).toMatchObject({ bookingId: expect.any(Number), bookingObjectId: 501, fromIso: '2026-06-01T13:00:00Z', toIso: '2026-06-01T16:00:00Z' });
		const [access] = run.json('Grant Access');
		expect(access).toMatchObject({
			idNumber: `booking-${booking.bookingId}`,
			validFromIso: booking.fromIso,
			validToIso: booking.toIso,
			synced: true,
			sync: { outcome: 'completed' },
		});
		expect(access.pin).toMatch(/^\d{6}$/);
		expect(run.output('Grant Access')[0].pairedItem).toEqual({ item: 0 });

		const entry = fk().entries(UNIT).find((row) => row.idNumber === `booking-${booking.bookingId}`);
		expect(entry).toMatchObject({ name: 'Guest Nilsson', codeTag: access.pin, validFromIso: booking.fromIso, validToIso: booking.toIso, unitSyncState: 'synced' });
		expect(fk().syncs(UNIT).map((sync) => sync.status)).toEqual(['completed']);
	});

	test('Booking Create → Grant Access (no wait) → Sync Push Changes and Wait: the entry is synced before the workflow ends', async () => {
		// Grant Access's sync must still run when Push and Wait pushes, however slow the machine
		const config = handle.sim.config.flexykey;
		const duration = config.syncDurationMs;
		config.syncDurationMs = 3_000;
		try {
			const run = await runWorkflow(
				chain(bookingStep, grantStep(false), {
					name: 'Push and Wait',
					type: 'flexyKey',
					parameters: { resource: 'sync', operation: 'pushAndWait', unit: unit('={{ $json.unitId }}'), syncTimeout: 30 },
				}),
				{ credentials: handle.credentials() },
			);
			expect(run.error).toBeUndefined();
			const [booking] = run.json('Create Booking');
			const [access] = run.json('Grant Access');
			expect(access).toMatchObject({ synced: false, sync: null });
			// The push answer as it came: b wraps it as `{ status: 'OK', data: { state, … } }`; minimal writes the state as a constant.
			if (dialect !== 'b') expect(access).toMatchObject({ synced: false, sync: null, push: { status: dialect === 'minimal' ? 'QUEUED' : 'queued' } });

			// Grant Access already pushed; Push and Wait waits for that sync, then finds nothing left to send.
			const [done] = run.json('Push and Wait');
			expect(done).toMatchObject({ unitId: UNIT, outcome: 'noChanges' });
			const entry = fk().entries(UNIT).find((row) => row.idNumber === `booking-${booking.bookingId}`);
			expect(entry).toMatchObject({ codeTag: access.pin, validFromIso: booking.fromIso, validToIso: booking.toIso, unitSyncState: 'synced' });
			expect(fk().syncs(UNIT).map((sync) => sync.status)).toEqual(['completed']);
			const pushes = fk().requestLog.filter((row) => row.path === '/UnitSync/PushChanges').map((row) => row.status);
			expect(pushes).toEqual([200, 409, 200]);
		} finally {
			config.syncDurationMs = duration;
		}
	});

	test('a unit that is offline: the booking exists, the grant fails naming the step and the pending entry', async () => {
		fk().setUnitOnline(UNIT, false);
		try {
			const run = await runWorkflow(chain(bookingStep, { ...grantStep(true), continueOnFail: true }), { credentials: handle.credentials() });
			const [booking] = run.json('Create Booking');
			const [failed] = run.json('Grant Access') as IDataObject[];
			const entry = fk().entries(UNIT).find((row) => row.idNumber === `booking-${booking.bookingId}`);
			expect(failed.error).toMatch(new RegExp(`step "Wait for Sync".*ID entry ${entry?.id} \\(ID Number "booking-${booking.bookingId}"\\) was created`));
			expect(entry?.unitSyncState).toBe('changed');
		} finally {
			fk().setUnitOnline(UNIT, true);
		}
	});
});
