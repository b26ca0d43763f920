/** FlexUnlock Unlock → Order and Wait: one order, status polled with n8n's sleep until completed, failed or the timeout. */
import { flexUnlockFixtures } from '../../../simulator/flexunlock';
import { runWorkflow } from '../../harness/run-workflow';
import { eachDialect, useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';
import { eventually } from '../../harness/eventually';

// Orders step every 100 ms (created → processing → completed/failed).
const handle = useSimulator({ flexunlock: { orderStepMs: 100 } });
const { eligibleImei, eligibleImei2, failingImeis } = flexUnlockFixtures;

const orderAndWait = (parameters: Record<string, unknown> = {}, continueOnFail = false) =>
	chain({
		name: 'FlexUnlock',
		type: 'flexUnlock',
		continueOnFail,
		parameters: { resource: 'unlock', operation: 'orderAndWait', imei: '={{ $json.imei }}', carrier: 'T-Mobile', service: 'Activation', timeout: 10, pollInterval: 1, ...parameters },
	});

const requests = (path: string) => handle.sim.flexunlock.requests.filter((entry) => entry.path === path);

// Not yet in b (order nested under `order`) and minimal (status without imei/carrier/created_at).
eachDialect(handle, (dialect) => {
	describe('Unlock → Order and Wait', () => {
		test('places one order, polls its status until completed, outputs the unlock code and the timeline', async () => {
			const run = await runWorkflow(orderAndWait(), { credentials: handle.credentials(), input: [{ imei: eligibleImei }] });
			expect(run.error).toBeUndefined();
			const [item] = run.output('FlexUnlock');
			expect(item.pairedItem).toEqual({ item: 0 });
			const order = [...handle.sim.flexunlock.orders.values()].find((candidate) => candidate.imei === eligibleImei && candidate.status === 'completed')!;
			expect(item.json).toMatchObject({
				outcome: 'completed',
				order_id: order.id,
				order_status: 'completed',
				unlock_code: order.unlockCode,
			});
			// The API's own answers are passed through as they came; their shape is the dialect's.
			if (dialect === 'a') {
				expect(item.json).toMatchObject({
					order: { status: 'success', order_id: order.id, order_status: 'created' },
					finalStatus: expect.objectContaining({ order_id: order.id, order_status: 'completed', unlock_code: order.unlockCode }),
				});
			}
			const timeline = item.json.timeline as Array<{ status: string; seenAtIso: string }>;
			expect(timeline[0].status).toBe('created');
			expect(timeline.at(-1)!.status).toBe('completed');
			expect(requests('/unlock/order')).toHaveLength(1);
			expect(requests('/unlock/status').length).toBeGreaterThanOrEqual(1);
		});

		test('a failed order fails the item, naming the order so nobody orders again; one order only', async () => {
			const run = await runWorkflow(orderAndWait(), { credentials: handle.credentials(), input: [{ imei: failingImeis[0] }] });
			expect(run.error?.message).toMatch(/^FlexUnlock order ord_\S+ failed/);
			expect(run.error?.description).toMatch(/was placed: do not order again/);
			expect(requests('/unlock/order')).toHaveLength(1);
		});

		test('timeout: with "Output the Status" the open order is output with outcome timedOut; one order, status read each interval', async () => {
			handle.sim.config.flexunlock.orderStepMs = 0;
			try {
				const run = await runWorkflow(orderAndWait({ timeout: 2, pollInterval: 1, ifNotCompleted: 'output' }), { credentials: handle.credentials(), input: [{ imei: eligibleImei2 }] });
				expect(run.error).toBeUndefined();
				expect(run.json('FlexUnlock')[0]).toMatchObject({ outcome: 'timedOut', order_status: 'created', unlock_code: null });
				expect(requests('/unlock/order')).toHaveLength(1);
				// Paced by the poll interval (n8n's sleep), not a busy loop.
				expect(requests('/unlock/status').length).toBeGreaterThanOrEqual(1);
				expect(requests('/unlock/status').length).toBeLessThanOrEqual(3);
			} finally {
				handle.sim.config.flexunlock.orderStepMs = 100;
			}
		});

		test('a status read failing after the order: the error says the order was placed; no second order', async () => {
			handle.sim.config.flexunlock.orderStepMs = 0;
			const placed = runWorkflow(orderAndWait({ timeout: 5, pollInterval: 1 }, true), { credentials: handle.credentials(), input: [{ imei: eligibleImei }] });
			// Once the order exists, every further request fails with HTTP 500.
			await eventually(() => requests('/unlock/order').length > 0);
			handle.sim.config.faults.error500 = 1;
			try {
				const run = await placed;
				const [row] = run.json('FlexUnlock');
				expect(row.error).toMatch(/HTTP 500/);
				expect(row.description).toMatch(/^Order ord_\S+ was placed: do not order again/);
			} finally {
				handle.sim.config.faults.error500 = 0;
				handle.sim.config.flexunlock.orderStepMs = 100;
			}
			expect(requests('/unlock/order').filter((entry) => entry.status === 200)).toHaveLength(1);
			expect(requests('/unlock/order')).toHaveLength(1);
		});

		test('bad input is named before any request', async () => {
			const run = await runWorkflow(orderAndWait({ pollInterval: 0 }, true), { credentials: handle.credentials(), input: [{ imei: eligibleImei }] });
			expect(run.json('FlexUnlock')[0].error).toBe('Poll Interval (Seconds): must be at least 1');
			expect(handle.sim.flexunlock.requests).toHaveLength(0);
		});
	});
});
