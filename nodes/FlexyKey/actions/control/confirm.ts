/**
 * Set Output's "Wait for Confirmation": after `POST /Control`, read `GET /Control` until the output
 * shows the requested state, or the timeout. The command is never sent again.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { pollUntil } from '../../../shared/poll';
import { invalidInput } from '../../../shared/validation';
import type { UnitTarget } from '../../fields/unit';
import { IO_STATES, readControlStatus, readIoStates, SERVICE, unknownIoState, type IoState, type OnOff } from '../../contract';
import { unknownStateError } from '../../../shared/state-words';
import { expectReading } from '../../../shared/contract';
import { flexyKeyApi } from '../../transport';
import type { FieldSpec } from '../../../shared/display';

/** The documented status cache guard ("normally 2 seconds"): reading faster reads the cached answer again. */
const STATUS_CACHE_GUARD_SECONDS = 2;
const DEFAULT_TIMEOUT_SECONDS = 30;

export interface ConfirmSettings {
	timeoutMs: number;
	intervalMs: number;
	ifNotConfirmed: 'error' | 'output';
}

export function confirmFields(): FieldSpec[] {
	const shown = { show: { waitForConfirmation: [true] } };
	return [
		{
			displayName: 'Wait for Confirmation',
			name: 'waitForConfirmation',
			type: 'boolean',
			default: false,
			description: 'Whether to read the IO status after the command until the output shows the requested state (On and Pulse: ON, Off: OFF), or the timeout',
		},
		{
			displayName: 'Confirmation Timeout (Seconds)',
			name: 'confirmTimeout',
			type: 'number',
			typeOptions: { minValue: STATUS_CACHE_GUARD_SECONDS },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: 'How long to wait for the unit to report the new state',
			displayOptions: shown,
		},
		{
			displayName: 'Confirmation Poll Interval (Seconds)',
			name: 'confirmInterval',
			type: 'number',
			typeOptions: { minValue: STATUS_CACHE_GUARD_SECONDS },
			default: STATUS_CACHE_GUARD_SECONDS,
			description: 'Time between two status reads. The API caches the status for about 2 seconds, so reading faster tells nothing new.',
			displayOptions: shown,
		},
		{
			displayName: 'If Not Confirmed',
			name: 'ifNotConfirmed',
			type: 'options',
			default: 'error',
			options: [
				{ name: 'Fail the Item', value: 'error', description: 'Stop with an error saying the command was sent but not confirmed' },
				{ name: 'Output Unconfirmed', value: 'output', description: 'Output the command answer with confirmed: false' },
			],
			description: 'What to do when the output does not show the requested state by the timeout',
			displayOptions: shown,
		},
	];
}

/** The confirmation settings, checked locally (before the command is sent); undefined when off. */
export function confirmSettings(ctx: IExecuteFunctions, item: ItemScope): ConfirmSettings | undefined {
	if (ctx.getNodeParameter('waitForConfirmation', item.index, false) !== true) return undefined;
	const timeout = Number(ctx.getNodeParameter('confirmTimeout', item.index, DEFAULT_TIMEOUT_SECONDS));
	const interval = Number(ctx.getNodeParameter('confirmInterval', item.index, STATUS_CACHE_GUARD_SECONDS));
	const ifNotConfirmed = ctx.getNodeParameter('ifNotConfirmed', item.index, 'error') as ConfirmSettings['ifNotConfirmed'];
	if (!Number.isFinite(interval) || interval < STATUS_CACHE_GUARD_SECONDS) {
		throw invalidInput(ctx, item, 'Confirmation Poll Interval (Seconds)', `must be at least ${STATUS_CACHE_GUARD_SECONDS} (the status cache guard)`);
	}
	if (!Number.isFinite(timeout) || timeout < interval) throw invalidInput(ctx, item, 'Confirmation Timeout (Seconds)', `must be at least the poll interval (${interval} s)`);
	if (ifNotConfirmed !== 'error' && ifNotConfirmed !== 'output') throw invalidInput(ctx, item, 'If Not Confirmed', `"${String(ifNotConfirmed)}" is not Fail the Item or Output Unconfirmed`);
	return { timeoutMs: timeout * 1000, intervalMs: interval * 1000, ifNotConfirmed };
}

/**
 * Reads the status until `outputNumber` shows the state `outputAction` asks for. A pulse counts as
 * confirmed when the output shows ON, or when the unit reported at or after the command's second
 * (a short pulse may be over before the first read). inferred: the status time moves when the unit reports.
 */
export async function confirmOutput(
	ctx: IExecuteFunctions,
	item: ItemScope,
	target: UnitTarget,
	outputNumber: string,
	outputAction: string,
	settings: ConfirmSettings,
): Promise<IDataObject> {
	const startedAt = Date.now();
	const sentSecondMs = Math.floor(startedAt / 1000) * 1000 - 1000;
	const wanted: OnOff = outputAction === 'OFF' ? 'OFF' : 'ON';
	const pulse = outputAction !== 'ON' && outputAction !== 'OFF';
	const confirmed = (io: IoState | undefined) => {
		if (!io) return false;
		if (io.state === wanted) return true;
		return pulse && io.timestampIso !== null && Date.parse(io.timestampIso) >= sentSecondMs;
	};
	const wait = await pollUntil({
		deadline: startedAt + settings.timeoutMs,
		interval: settings.intervalMs,
		signal: ctx.getExecutionCancelSignal(),
		// The output's state in each status; an IO list nobody can read fails here, naming what came, rather than as "not confirmed".
		read: async () => {
			const status = expectReading(ctx.getNode(), SERVICE, 'GET /Control', readControlStatus(await flexyKeyApi(ctx, item).get('/Control', { ...target })), item.index);
			const io = expectReading(ctx.getNode(), SERVICE, 'GET /Control', readIoStates(status), item.index).find((state) => state.globalNumber === outputNumber);
			// A state word this node does not know is never waited on as "not yet": it fails at once, naming it.
			const unknown = io ? undefined : unknownIoState(status, outputNumber);
			if (unknown !== undefined) throw unknownStateError(ctx.getNode(), SERVICE, IO_STATES, unknown, 'GET /Control', item.index, `It was the state of output ${outputNumber}; the command was sent.`);
			return io;
		},
		done: confirmed,
		cancelled: () => new NodeOperationError(ctx.getNode(), `The execution was cancelled while confirming output ${outputNumber}; the command was sent`, { itemIndex: item.index }),
	});
	const last = wait.last;
	const result: IDataObject = {
		confirmed: wait.done,
		confirmedState: wait.done ? (last?.state ?? null) : null,
		confirmedStatusTimestampIso: wait.done ? (last?.timestampIso ?? null) : null,
		lastSeenState: last?.state ?? null,
		waitedMs: Date.now() - startedAt,
	};
	if (wait.done || settings.ifNotConfirmed === 'output') return result;
	throw new NodeOperationError(
		ctx.getNode(),
		`FlexyKey: output ${outputNumber} did not show ${wanted} within ${settings.timeoutMs / 1000} s (last seen: ${last?.state ?? 'no status'})`,
		{
			itemIndex: item.index,
			description: 'The command was sent and accepted; the unit did not report the new state in time (it may be offline). Do not assume the output switched. To output the result instead of failing, set "If Not Confirmed" to "Output Unconfirmed".',
		},
	);
}
