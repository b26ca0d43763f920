/**
 * The example workflows that start by hand ("Execute workflow") run in n8n and produce the expected
 * output. To run them on demand, each is imported with its Manual Trigger swapped for a Webhook node
 * of the same name (the rest of the workflow is the file's), published, and called.
 * The trigger examples are covered by triggers.e2e.test.ts.
 */
import { flexUnlockFixtures } from '../simulator/flexunlock/catalogue';
import type { Execution, N8nClient } from '../scripts/n8n-api';
import { loadExamples } from '../scripts/provision';
import { connect, nodeOutput, readContext, runOnDemand, simRequest } from './context';

const context = readContext();
const examples = loadExamples();

const COVERED = {
	here: ['booking-to-access.json', 'bulk-imei-unlock.json'],
	triggers: ['flexunlock-unlock-completed.json', 'flexykey-io-changed.json'],
};

/** Imports, publishes and calls the example through a Webhook node in place of its Manual Trigger. */
async function run(client: N8nClient, file: string): Promise<{ status: number; body: unknown; execution: Execution }> {
	const example = examples.find((candidate) => candidate.file === file);
	expect(example).toBeDefined();
	return await runOnDemand(client, context, example!);
}

describe('example workflows', () => {
	let client: N8nClient;
	beforeAll(async () => {
		client = await connect(context);
	});

	it('are all covered by this suite', () => {
		expect(examples.map((example) => example.file).sort()).toEqual([...COVERED.here, ...COVERED.triggers].sort());
	});

	it('"Booking to access" grants a PIN for each of tomorrow\'s bookings, pushes them and summarises', async () => {
		const { status, body, execution } = await run(client, 'booking-to-access.json');
		expect(status).toBe(200);
		const bookings = nodeOutput(execution, "Tomorrow's Bookings");
		expect(bookings.map((booking) => booking.bookingId)).toEqual([9001, 9002]);
		const grants = nodeOutput(execution, 'Grant Access');
		expect(grants).toHaveLength(2);
		expect(nodeOutput(execution, 'Push and Wait')).toHaveLength(1);

		const [summary] = body as Array<{ unitId: number; syncOutcome: string; allOnUnit: boolean; bookings: number; guests: Array<Record<string, string>> }>;
		// Grant Access pushes each entry itself, so the final push usually finds nothing left ("noChanges")
		// after waiting for the grants' sync to finish; either way everything is on the unit.
		expect(summary).toMatchObject({ unitId: 3023, allOnUnit: true, bookings: 2 });
		expect(['completed', 'noChanges']).toContain(summary.syncOutcome);
		expect(summary.guests.map((guest) => guest.name)).toEqual(['Anna Svensson', 'Erik Lind']);
		for (const [index, guest] of summary.guests.entries()) {
			expect(guest.pin).toMatch(/^\d{6}$/);
			expect(guest.idNumber).toBe(`booking-${bookings[index].bookingId as number}`);
			expect(Date.parse(guest.from)).toBe(Date.parse(bookings[index].fromIso as string));
			expect(Date.parse(guest.to)).toBe(Date.parse(bookings[index].toIso as string));
		}

		// The unit's access list now has both entries, with those PINs, synced to the unit.
		const state = (await simRequest<{ flexykey: { idEntries: Array<Record<string, unknown>> } }>(context, 'GET', '/_sim/state')).body;
		for (const guest of summary.guests) {
			const entry = state.flexykey.idEntries.find((candidate) => candidate.unitId === 3023 && candidate.idNumber === guest.idNumber);
			expect(entry).toMatchObject({ codeTag: guest.pin, name: guest.name, unitSyncState: 'synced' });
		}
	});

	it('"Bulk IMEI" orders unlocks only for valid, clean, eligible devices', async () => {
		const { status, body, execution } = await run(client, 'bulk-imei-unlock.json');
		expect(status).toBe(200);
		expect(nodeOutput(execution, 'Validate IMEI').map((item) => item.valid)).toEqual([true, true, true, false, true]);
		expect(nodeOutput(execution, 'CekSafe Check').map((item) => (item.data as { status: string }).status)).toEqual(['clean', 'clean', 'blacklisted', 'clean']);
		expect(nodeOutput(execution, 'FlexUnlock Check').map((item) => item.eligible)).toEqual([true, true, false]);

		const orders = body as Array<{ status: string; order_id: string; order_status: string }>;
		expect(orders).toHaveLength(2);
		for (const order of orders) expect(order).toMatchObject({ status: 'success', order_id: expect.stringMatching(/^ord_/) });
		expect(nodeOutput(execution, 'Place Order')).toEqual(orders);

		const state = (await simRequest<{ flexunlock: { orders: Array<{ id: string; imei: string; carrier: string; account: string }> } }>(context, 'GET', '/_sim/state')).body;
		const placed = state.flexunlock.orders.filter((order) => orders.some((made) => made.order_id === order.id));
		expect(placed.map((order) => [order.imei, order.carrier, order.account])).toEqual([
			[flexUnlockFixtures.eligibleImei, 'T-Mobile', 'bigSeller'],
			[flexUnlockFixtures.eligibleImei2, 'Vodafone', 'bigSeller'],
		]);
	});
});
