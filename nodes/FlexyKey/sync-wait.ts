/**
 * Push Changes and the wait for a sync to finish, shared by Sync → Push Changes and Wait and the
 * Access operations. Polls `GET /UnitSync/Status` no faster than its cache guard ("normally
 * 2 seconds"), matches statuses to the pushed `syncId` (a status read right after a push can be the
 * cached one from before it), and gives up at the user's timeout.
 */
import type { IDataObject, IDisplayOptions, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isHttpStatus } from '../shared/client';
import { asNodeError } from '../shared/executor';
import type { ItemScope } from '../shared/run-scope';
import { ifNotCompletedField, pollUntil, type PollResult } from '../shared/poll';
import { invalidInput } from '../shared/validation';
import { describeTopLevel, expectReading } from '../shared/contract';
import { readSyncStatus, SERVICE, SYNC_STATES, type SyncState, type SyncStatus } from './contract';
import { unknownStateError } from '../shared/state-words';
import { flexyKeyApi } from './transport';
import type { FieldSpec } from '../shared/display';

/*
 * The sync's verdicts, decided here where the wait uses them: the reader (contract/sync.ts) says which
 * state a status names; whether that means "no sync", "running" or over is the wait's business.
 */
/** Whether a status describes no sync at all (`idle`), rather than a running or finished one. */
function describesNoSync(status: SyncStatus): boolean {
	return status.active !== true && status.state === 'idle';
}

/** Whether a status says a sync is running: its active flag, else its status word. */
function syncRunning(status: SyncStatus): boolean {
	if (status.active !== undefined) return status.active;
	return status.state === 'running';
}

/** The documented status cache guard: polling faster only reads the cached answer again. */
export const STATUS_CACHE_GUARD_SECONDS = 2;
export const DEFAULT_TIMEOUT_SECONDS = 120;
const STATUS_ENDPOINT = 'GET /UnitSync/Status';

export type IfNotCompleted = 'error' | 'output';

export interface WaitSettings {
	timeoutMs: number;
	intervalMs: number;
	ifNotCompleted: IfNotCompleted;
}

/** Timeout, Poll Interval and If Not Completed, for the operations that wait. */
/** `waitShow`: the extra condition under which If Not Completed shows (e.g. `{ waitForSync: [true] }`). */
export function waitFields(waitShow?: IDisplayOptions['show']): FieldSpec[] {
	return [
		{
			displayName: 'Timeout (Seconds)',
			name: 'syncTimeout',
			type: 'number',
			typeOptions: { minValue: STATUS_CACHE_GUARD_SECONDS },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: 'How long to wait for the sync to finish, including the wait for a sync that is already running on the unit',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'syncPollInterval',
			type: 'number',
			typeOptions: { minValue: STATUS_CACHE_GUARD_SECONDS },
			default: STATUS_CACHE_GUARD_SECONDS,
			description: 'Time between two status reads. The API caches the status for about 2 seconds, so reading faster tells nothing new.',
		},
		ifNotCompletedField({
			output: 'Output the last status seen with outcome failed, aborted or timedOut',
			description: 'What to do when the sync fails, is aborted, or is still running at the timeout',
		}, waitShow),
	];
}

export function waitSettings(ctx: IExecuteFunctions, item: ItemScope): WaitSettings {
	const timeout = Number(ctx.getNodeParameter('syncTimeout', item.index, DEFAULT_TIMEOUT_SECONDS));
	const interval = Number(ctx.getNodeParameter('syncPollInterval', item.index, STATUS_CACHE_GUARD_SECONDS));
	const ifNotCompleted = ctx.getNodeParameter('ifNotCompleted', item.index, 'error') as IfNotCompleted;
	if (!Number.isFinite(interval) || interval < STATUS_CACHE_GUARD_SECONDS) {
		throw invalidInput(ctx, item, 'Poll Interval (Seconds)', `must be at least ${STATUS_CACHE_GUARD_SECONDS} (the status cache guard)`);
	}
	if (!Number.isFinite(timeout) || timeout < interval) {
		throw invalidInput(ctx, item, 'Timeout (Seconds)', `must be at least the poll interval (${interval} s)`);
	}
	if (ifNotCompleted !== 'error' && ifNotCompleted !== 'output') {
		throw invalidInput(ctx, item, 'If Not Completed', `"${String(ifNotCompleted)}" is not Fail the Item or Output the Status`);
	}
	return { timeoutMs: timeout * 1000, intervalMs: interval * 1000, ifNotCompleted };
}

export function readStatus(ctx: IExecuteFunctions, item: ItemScope, unitId: number): Promise<IDataObject> {
	return flexyKeyApi(ctx, item).get('/UnitSync/Status', { unitId });
}

/**
 * Status reads for one item, spaced at least `intervalMs` apart (the cache guard) counting from
 * `startedAtMs`: a status cached before the push has expired by the first read. The spacing
 * carries over from one wait to the next (the wait for a busy unit, then the wait for the sync).
 */
export class StatusPoller {
	private lastReadAt: number;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly item: ItemScope,
		readonly unitId: number,
		readonly intervalMs: number,
		startedAtMs: number,
	) {
		this.lastReadAt = startedAtMs;
	}

	get nextReadAt(): number {
		return this.lastReadAt + this.intervalMs;
	}

	/** Reads the status until `done` says so, or no read can start before `deadlineMs`. */
	async until(deadlineMs: number, done: (status: IDataObject) => boolean): Promise<PollResult<IDataObject>> {
		const result = await pollUntil({
			deadline: deadlineMs,
			interval: this.intervalMs,
			firstReadAt: this.nextReadAt,
			signal: this.ctx.getExecutionCancelSignal(),
			read: () => readStatus(this.ctx, this.item, this.unitId),
			done,
			cancelled: () => new NodeOperationError(this.ctx.getNode(), 'The execution was cancelled while waiting for the unit sync', { itemIndex: this.item.index }),
		});
		if (result.lastReadEndedAt !== undefined) this.lastReadAt = result.lastReadEndedAt;
		return result;
	}
}

/**
 * A status answer as the reader sees it; an answer it cannot read, or a status word it does not know,
 * fails loudly at once instead of being waited on until the timeout.
 */
function statusOf(ctx: IExecuteFunctions, item: ItemScope, body: IDataObject): SyncStatus {
	const status = expectReading(ctx.getNode(), SERVICE, STATUS_ENDPOINT, readSyncStatus(body), item.index);
	if (status.state === 'unknown') throw unknownStateError(ctx.getNode(), SERVICE, SYNC_STATES, status.statusText ?? '', STATUS_ENDPOINT, item.index);
	return status;
}


/**
 * `POST /UnitSync/PushChanges`. With `waitIfBusy`, a push the server refuses because a sync is
 * already running (409) is repeated once that sync has finished, until the deadline.
 * inferred: 409 on PushChanges means "a sync is already active" (as the simulator answers).
 */
export async function pushChanges(
	ctx: IExecuteFunctions,
	item: ItemScope,
	unitId: number,
	waitIfBusy?: { deadlineMs: number; poller: StatusPoller },
): Promise<IDataObject> {
	const push = () => flexyKeyApi(ctx, item).post('/UnitSync/PushChanges', { unitId });
	for (;;) {
		try {
			return await push();
		} catch (error) {
			const conflict = asNodeError(ctx, error, item.index);
			if (!isHttpStatus(conflict, 409)) throw conflict;
			const busyHint = `A sync is already running on unit ${unitId}. Wait for it (Sync → Get Status) or stop it (Sync → Abort), then push again.`;
			if (!waitIfBusy) {
				conflict.description = `${busyHint} ${conflict.description ?? ''}`.trim();
				throw conflict;
			}
			// Wait for the running sync to end, reading the status no faster than the cache guard.
			const idle = await waitIfBusy.poller.until(waitIfBusy.deadlineMs, (status) => !syncRunning(statusOf(ctx, item, status)));
			if (!idle.done) {
				conflict.description = `Waited until the timeout for the running sync to finish. ${busyHint}`;
				throw conflict;
			}
		}
	}
}

/** The syncId a push answer carries, wherever the server put it (read through the sync reader). */
export function pushedSyncId(push: IDataObject): string | number | undefined {
	const pushed = readSyncStatus(push);
	return pushed.ok ? pushed.value.syncId : undefined;
}

export type SyncOutcome = 'completed' | 'failed' | 'aborted' | 'timedOut' | 'noChanges' | string;

export interface SyncWaitResult extends IDataObject {
	outcome: SyncOutcome;
	unitId: number;
	syncId: IDataObject['syncId'];
	/** The last status of this sync (as the API gave it), or null if none was seen. */
	finalStatus: IDataObject | null;
	/** Every status of this sync read while waiting, oldest first, as the API gave them. */
	progress: IDataObject[];
	elapsedMs: number;
}

/** The states that end a sync. */
const ENDINGS: ReadonlySet<SyncState> = new Set<SyncState>(['completed', 'failed', 'aborted', 'timedOut']);

/** The node's word for the ending a status names, whatever form the server writes it in; undefined while none. */
function endingOf(status: SyncStatus): SyncOutcome | undefined {
	return ENDINGS.has(status.state as SyncState) ? status.state : undefined;
}

/**
 * Polls until the sync `push` started is over, or the deadline. Status reads that belong to
 * another sync (stale, cached from before the push) are skipped: they are matched by `syncId`,
 * or when the push answer has none, by `isCached` being false.
 */
export async function waitForSync(
	ctx: IExecuteFunctions,
	item: ItemScope,
	poller: StatusPoller,
	push: IDataObject,
	settings: WaitSettings,
	startedAtMs: number,
): Promise<SyncWaitResult> {
	const unitId = poller.unitId;
	const pushed = readSyncStatus(push);
	const syncId = pushedSyncId(push);
	const result = (outcome: SyncOutcome, finalStatus: IDataObject | null, progress: IDataObject[]): SyncWaitResult => ({
		outcome,
		unitId,
		syncId: syncId ?? finalSyncId(finalStatus) ?? null,
		finalStatus,
		progress,
		elapsedMs: Date.now() - startedAtMs,
	});
	// inferred: a push that started no sync (nothing pending) has nothing to wait for
	if ((pushed.ok && pushed.value.state === 'noChanges') || push.syncId === null) {
		return result('noChanges', null, []);
	}

	// inferred: a status without a syncId is this sync's unless it says it is cached (the first read
	// comes a cache guard after the push, so a status cached before it has expired) or it describes
	// no sync at all (`idle`, neither running nor finished: a server that leaves out syncId and isCached).
	const ownSync = (status: SyncStatus) => {
		if (syncId !== undefined && status.syncId !== undefined) return String(status.syncId) === String(syncId);
		return status.isCached !== true && !describesNoSync(status);
	};
	const deadline = startedAtMs + settings.timeoutMs;
	const progress: IDataObject[] = [];
	const isOver = (status: SyncStatus) => endingOf(status) !== undefined || status.active === false;
	let lastStatus: SyncStatus | undefined;
	const wait = await poller.until(deadline, (body) => {
		const status = statusOf(ctx, item, body);
		if (!ownSync(status)) return false;
		progress.push(body);
		lastStatus = status;
		return isOver(status);
	});
	const last = progress.at(-1) ?? null;
	if (!wait.done || !last || !lastStatus) return finish(ctx, item, result('timedOut', last, progress), settings);
	// a sync over by its active flag alone, with a word the node does not know, keeps that word
	return finish(ctx, item, result(endingOf(lastStatus) ?? lastStatus.statusText ?? 'finished', last, progress), settings);
}

/** Passes a completed sync through; anything else is an error unless the user chose to output it. */
function finish(ctx: IExecuteFunctions, item: ItemScope, result: SyncWaitResult, settings: WaitSettings): SyncWaitResult {
	if (result.outcome === 'completed' || settings.ifNotCompleted === 'output') return result;
	const last = result.finalStatus ? readSyncStatus(result.finalStatus) : undefined;
	const seconds = Math.round(settings.timeoutMs / 100) / 10;
	const seen = last?.ok && result.finalStatus ? { status: last.value, body: result.finalStatus } : undefined;
	const message =
		result.outcome === 'timedOut'
			? `FlexyKey sync ${String(result.syncId)} on unit ${result.unitId} did not finish within ${seconds} s (last status: ${seen ? statusDetail(seen.status, seen.body) : 'no status of this sync seen yet'})`
			: `FlexyKey sync ${String(result.syncId)} on unit ${result.unitId} ${result.outcome}: ${seen ? endDetail(seen.status, seen.body) : 'no status of this sync seen'}`;
	const description =
		result.outcome === 'timedOut'
			? 'It may still complete: check with Sync → Get Status, or stop it with Sync → Abort. To output the unfinished status instead of failing, set "If Not Completed" to "Output the Status".'
			: 'The pending changes stay pending on the server; push again when the unit is reachable. To output the status instead of failing, set "If Not Completed" to "Output the Status".';
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex: item.index, description });
}

/** What a status says, for an error message: its word, progress and the server's message (or that it gave none). */
function statusDetail(status: SyncStatus, body: IDataObject): string {
	const reason = status.message ?? (syncRunning(status) ? undefined : `no message in the status (${describeTopLevel(body)})`);
	return [status.statusText, status.percent !== undefined ? `${status.percent}%` : undefined, reason].filter((part) => part !== undefined).join(', ');
}

/**
 * Why a sync ended, for an error message: the server's reason first, then its status word and
 * progress; a status without a reason says so and shows what it held (never the status word alone).
 */
function endDetail(status: SyncStatus, body: IDataObject): string {
	const state = [status.statusText ? `status: ${status.statusText}` : undefined, status.percent !== undefined ? `${status.percent}%` : undefined].filter((part) => part !== undefined).join(', ');
	if (status.reason !== undefined) return `${status.reason}${state ? ` (${state})` : ''}`;
	const said = status.message !== undefined ? `; message: ${status.message}` : '';
	return `the status gives no reason (${state || 'no status word'}${said}; ${describeTopLevel(body)})`;
}

function finalSyncId(status: IDataObject | null): string | number | undefined {
	const reading = status ? readSyncStatus(status) : undefined;
	return reading?.ok ? reading.value.syncId : undefined;
}
