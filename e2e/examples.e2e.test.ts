/**
 * The example workflows that start by hand ("Execute workflow") run in n8n and produce the expected
 * output. To run them on demand, each is imported with its Manual Trigger swapped for a Webhook node
 * of the same name (the rest of the workflow is the file's), published, and called.
 * The trigger examples are covered by triggers.e2e.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { flexUnlockFixtures } from '../simulator/flexunlock/catalogue';
import type { Execution, N8nClient, WorkflowJson } from '../scripts/n8n-api';
import { loadExamples, withCredentials } from '../scripts/provision';
import { connect, nodeOutput, readContext, simRequest, waitFor, waitForExecutions } from './context';

const context = readContext();
const examples = loadExamples();

const COVERED = {
	here: ['booking-to-access.json', 'bulk-imei-unlock.json'],
	triggers: ['flexunlock-unlock-completed.json', 'flexykey-io-changed.json'],
};

/** The example with its Manual Trigger replaced by a Webhook node answering with the last node's items. */
function onDemand(workflow: WorkflowJson, path: string): WorkflowJson {
	const manual = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger');
	expect(manual).toHaveLength(1);
	return {
		...workflow,
		name: `${workflow.name} [e2e]`,
		nodes: workflow.nodes.map((node) =>
			node.type !== 'n8n-nodes-base.manualTrigger'
				? node
				: {
						...node,
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						webhookId: randomUUID(),
						parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
					},
		),
	};
}

/** Imports, publishes and calls the example; returns the HTTP answer and the execution. */
async function run(client: N8nClient, file: string): Promise<{ status: number; body: unknown; execution: Execution }> {
	const example = examples.find((candidate) => candidate.file === file);
	expect(example).toBeDefined();
	const path = `e2e-${file.replace(/\.json$/, '')}`;
	const created = await client.createWorkflow(withCredentials(onDemand(example!.workflow, path), context.credentials));
	await client.publishWorkflow(created.id);
	// Production webhooks go live shortly after publishing returns: retry while n8n answers 404.
	const { res, text } = await waitFor(`webhook ${path}`, async () => {
		const answer = await fetch(`${context.webhookUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const body = await answer.text();
		return answer.status === 404 ? undefined : { res: answer, text: body };
	}, 10_000);
	const [execution] = await waitForExecutions(client, created.id, 1);
	if (execution.status !== 'success') throw new Error(`${file}: execution ${execution.id} ${execution.status}: ${JSON.stringify(execution.data?.resultData.error)}`);
	return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, execution };
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
