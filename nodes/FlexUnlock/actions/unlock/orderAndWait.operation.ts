import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { asNodeError } from '../../../shared/executor';
import type { ItemScope } from '../../../shared/run-scope';
import { ifNotCompletedField, pollUntil } from '../../../shared/poll';
import { invalidInput } from '../../../shared/validation';
import { ORDER_STATES, readOrderStatus, SERVICE, type OrderStatus } from '../../contract';
import { unknownStateError } from '../../../shared/state-words';
import { flexUnlockApi, type FlexUnlockOperation } from '../../transport';
import { orderBody, orderFields } from './placeOrder.operation';
import { showFor } from '../../../shared/display';


export const DEFAULT_TIMEOUT_SECONDS = 300;
export const DEFAULT_POLL_SECONDS = 5;

/** Order states after which nothing changes any more (API-NOTES B: created, processing, completed, failed). */
const FINISHED: ReadonlySet<OrderStatus['state']> = new Set<OrderStatus['state']>(['completed', 'failed', 'cancelled']);

type Outcome = 'completed' | 'failed' | 'timedOut';

interface WaitSettings {
	timeoutMs: number;
	intervalMs: number;
	ifNotCompleted: 'error' | 'output';
}

interface TimelineEntry extends IDataObject {
	status: string;
	/** When this status was first seen (the order answer's time for the first one). */
	seenAtIso: string;
}

function waitSettings(ctx: IExecuteFunctions, item: ItemScope): WaitSettings {
	const timeout = Number(ctx.getNodeParameter('timeout', item.index, DEFAULT_TIMEOUT_SECONDS));
	const interval = Number(ctx.getNodeParameter('pollInterval', item.index, DEFAULT_POLL_SECONDS));
	const ifNotCompleted = ctx.getNodeParameter('ifNotCompleted', item.index, 'error') as WaitSettings['ifNotCompleted'];
	if (!Number.isFinite(interval) || interval < 1) throw invalidInput(ctx, item, 'Poll Interval (Seconds)', 'must be at least 1');
	if (!Number.isFinite(timeout) || timeout < interval) throw invalidInput(ctx, item, 'Timeout (Seconds)', `must be at least the poll interval (${interval} s)`);
	if (ifNotCompleted !== 'error' && ifNotCompleted !== 'output') {
		throw invalidInput(ctx, item, 'If Not Completed', `"${String(ifNotCompleted)}" is not Fail the Item or Output the Status`);
	}
	return { timeoutMs: timeout * 1000, intervalMs: interval * 1000, ifNotCompleted };
}

/** The order fields of an order or status answer, whatever shape the server gave it (see contract.ts). */
const orderOf = (answer: IDataObject | null | undefined): OrderStatus => {
	const order = readOrderStatus(answer);
	return order.ok ? order.value : { state: 'none' };
};

const placedHint = (orderId: string) => `Order ${orderId} was placed: do not order again. Follow it with Unlock → Get Order Status.`;

/** `POST /unlock/status {order_id}`; an error says the order exists, so nobody orders twice. */
function readOrder(ctx: IExecuteFunctions, item: ItemScope, orderId: string): Promise<IDataObject> {
	const read = flexUnlockApi(ctx, item).post('/unlock/status', { order_id: orderId }, { idempotent: true });
	return read.catch((error: unknown) => {
		const failure = asNodeError(ctx, error, item.index);
		failure.description = `${placedHint(orderId)} ${failure.description ?? ''}`.trim();
		throw failure;
	});
}

/**
 * Places one unlock order (`POST /unlock/order`, never repeated), then reads its status every poll
 * interval until it is completed or failed, or the timeout. The output carries the unlock code and
 * each status seen with the time it was first seen.
 */
export const orderAndWait: FlexUnlockOperation = {
	properties: showFor('unlock', 'orderAndWait', [
		...orderFields(),
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: 'How long to wait for the order to complete or fail after it was placed',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_POLL_SECONDS,
			description: 'Time between two status reads. Each read is one request against the plan\'s rate limit.',
		},
		ifNotCompletedField({
			output: 'Output the order with outcome failed or timedOut',
			description: 'What to do when the order fails or is still open at the timeout',
		}),
	]),
	async run(item) {
		const body = orderBody(this, item);
		const settings = waitSettings(this, item);
		const startedAt = Date.now();
		const order = await flexUnlockApi(this, item).post('/unlock/order', body);
		const orderId = orderOf(order).orderId ?? '';
		if (orderId === '') {
			throw new NodeOperationError(this.getNode(), 'FlexUnlock: the order answer has no order_id, so its status cannot be followed', {
				itemIndex: item.index,
				description: 'The order may have been placed. Check your FlexUnlock account before ordering again.',
			});
		}

		// The node's word for each state, whatever form the server wrote it in; a word it does not know fails at once.
		const stateOf = (answer: IDataObject, endpoint: string): OrderStatus['state'] => {
			const read = orderOf(answer);
			if (read.state !== 'unknown') return read.state;
			throw unknownStateError(this.getNode(), SERVICE, ORDER_STATES, read.statusText ?? '', endpoint, item.index, placedHint(orderId));
		};
		const placedState = stateOf(order, 'POST /v1/unlock/order');
		const timeline: TimelineEntry[] = [{ status: placedState === 'none' ? 'created' : placedState, seenAtIso: new Date().toISOString() }];
		const note = (answer: IDataObject) => {
			const status = stateOf(answer, 'POST /v1/unlock/status');
			if (status !== 'none' && timeline[timeline.length - 1].status !== status) timeline.push({ status, seenAtIso: new Date().toISOString() });
			return status;
		};
		const deadline = startedAt + settings.timeoutMs;
		const wait = FINISHED.has(placedState)
			? { done: true, last: undefined }
			: await pollUntil({
					deadline,
					interval: settings.intervalMs,
					firstReadAt: Math.min(Date.now() + settings.intervalMs, deadline),
					readAtDeadline: true,
					signal: this.getExecutionCancelSignal(),
					read: () => readOrder(this, item, orderId),
					done: (answer) => FINISHED.has(note(answer)),
					cancelled: () => new NodeOperationError(this.getNode(), `The execution was cancelled while waiting for unlock order ${orderId}`, { itemIndex: item.index, description: placedHint(orderId) }),
				});

		const finalStatus = wait.last ?? null;
		const state = timeline[timeline.length - 1].status;
		const outcome: Outcome = !wait.done ? 'timedOut' : state === 'completed' ? 'completed' : 'failed';
		const result: IDataObject = {
			outcome,
			order_id: orderId,
			order_status: state,
			unlock_code: orderOf(finalStatus).unlockCode ?? orderOf(order).unlockCode ?? null,
			order,
			finalStatus,
			timeline,
			elapsedMs: Date.now() - startedAt,
		};
		if (outcome === 'completed' || settings.ifNotCompleted === 'output') return result;
		const reason = orderOf(finalStatus).failureReason;
		const message =
			outcome === 'timedOut'
				? `FlexUnlock order ${orderId} did not finish within ${settings.timeoutMs / 1000} s (last status: ${state})`
				: `FlexUnlock order ${orderId} failed${reason ? `: ${String(reason)}` : ''}`;
		throw new NodeOperationError(this.getNode(), message, {
			itemIndex: item.index,
			description: `${placedHint(orderId)} To output the order instead of failing, set "If Not Completed" to "Output the Status".`,
		});
	},
};
