/**
 * FlexyKey sync: the status `GET /UnitSync/Status` and `POST /UnitSync/PushChanges` answer, and its state
 * words.
 */
import type { IDataObject } from 'n8n-workflow';
import { booleanOf, field, fieldValue, findObject, isObject, joinVariants, matched, mismatch, normaliseKey, numberOf, type Reading, textOf, type Variant } from '../../shared/contract';
import { stateReader } from '../../shared/state-words';

/** The states of a sync, in the node's own words. */
export type SyncState = 'running' | 'completed' | 'failed' | 'aborted' | 'timedOut' | 'noChanges' | 'idle';

/**
 * inferred: sync status words (the doc names only "completed, failed or timed out" and the idle
 * message "No active unit programming"), in any case or separator style. No numeric codes: the doc
 * lists no order of sync states, so a number is an unknown word, never a guessed state.
 */
export const SYNC_STATES = stateReader<SyncState>({
	subject: 'sync status',
	words: {
		running: ['queued', 'running', 'active', 'inProgress', 'pending', 'started', 'sending', 'processing', 'syncing', 'waiting', 'busy', 'programming'],
		completed: ['complete', 'done', 'success', 'succeeded', 'successful', 'finished'],
		failed: ['failure', 'error', 'errored', 'rejected'],
		aborted: ['cancelled', 'canceled', 'stopped'],
		timedOut: ['timeout', 'timed_out', 'expired'],
		noChanges: ['nothingToSync', 'noPendingChanges', 'upToDate'],
		idle: ['none', 'noSync', 'noActiveSync', 'No active unit programming'],
	},
});

export interface SyncStatus {
	/**
	 * The sync's state read from its status word; `unknown` for a word the node does not know (the
	 * caller fails naming `statusText`), `none` when the status has no word.
	 */
	state: SyncState | 'unknown' | 'none';
	/** The status as the API wrote it. */
	statusText?: string;
	active?: boolean;
	syncId?: string | number;
	percent?: number;
	/** The server's message (e.g. the reason a sync failed). */
	message?: string;
	/**
	 * Why a finished sync ended as it did, if the status says: `message` unless that is only the
	 * documented "No active unit programming", which says no sync runs, not why one failed.
	 */
	reason?: string;
	isCached?: boolean;
}

const SYNC_KEYS = {
	status: ['status', 'state', 'syncStatus', 'unitSyncStatus', 'phase', 'result'],
	active: ['active', 'isActive', 'running', 'isRunning', 'inProgress'],
	syncId: ['syncId', 'id', 'syncJobId', 'jobId'],
	percent: ['percent', 'progress', 'percentage', 'progressPercent', 'percentComplete'],
	message: ['resultMessage', 'error', 'errorMessage', 'reason', 'detail', 'details', 'statusMessage', 'statusText', 'resultText', 'message', 'description'],
	isCached: ['isCached', 'cached', 'fromCache'],
} as const;

/** The documented answer when no sync is active: a state, never the reason a sync failed. */
const NO_ACTIVE_SYNC = normaliseKey('No active unit programming');

/** Words an envelope uses to acknowledge the request (`{ status: "OK", data: { state, … } }`): not a sync state. */
const ACKNOWLEDGEMENTS = new Set(['ok']);

/**
 * `GET /UnitSync/Status` and `POST /UnitSync/PushChanges` (inferred: `{ syncId, status, active,
 * percent, resultMessage, isCached }`; the doc's "No active unit programming" message means idle).
 */
export function readSyncStatus(body: unknown): Reading<SyncStatus> {
	const object = findObject(body, [...SYNC_KEYS.status, ...SYNC_KEYS.active, ...SYNC_KEYS.syncId, ...SYNC_KEYS.message]);
	if (!object.ok) return mismatch('a sync status with status / active / message', body);
	const status = object.value;
	const variants: Array<Variant | undefined> = [object.variant];
	const read = (names: readonly string[]) => {
		const hit = field(status, names);
		variants.push(hit?.variant);
		return hit?.value;
	};
	const statusValue = syncStatusValue(status, variants);
	// A nested status object (e.g. `status: { state, message }`) is read one level down.
	const inner = isObject(statusValue) ? statusValue : undefined;
	const statusText = textOf(inner ? fieldValue(inner, SYNC_KEYS.status) : statusValue);
	// `resultMessage` (inferred) holds a finished sync's reason; the documented `message` is the
	// general one ("No active unit programming"), so a reason under another key wins over it.
	const reason = field(status, ['resultMessage']) ?? field(status, SYNC_KEYS.message.filter((key) => key !== 'message')) ?? field(status, ['message']);
	if (reason && reason.key !== 'message') variants.push(reason.variant);
	const messageValue = reason?.value ?? (inner ? fieldValue(inner, SYNC_KEYS.message) : undefined);
	const message = textOf(messageValue) ?? (isObject(messageValue) ? textOf(fieldValue(messageValue, ['message', 'detail', 'text'])) : undefined);
	const rawId = read(SYNC_KEYS.syncId);
	return matched(
		{
			state: syncStateOf(statusText, message),
			statusText,
			active: booleanOf(read(SYNC_KEYS.active)),
			syncId: typeof rawId === 'number' || typeof rawId === 'string' ? rawId : undefined,
			percent: percentOf(read(SYNC_KEYS.percent)),
			message,
			reason: message !== undefined && normaliseKey(message) !== NO_ACTIVE_SYNC ? message : undefined,
			isCached: booleanOf(read(SYNC_KEYS.isCached)),
		},
		joinVariants(variants),
	);
}

/**
 * The status word (or nested status object). An envelope's acknowledgement (`status: "OK"` next to
 * a wrapped `state`, dialect b's push answer) gives way to the sync's own status word under another key.
 */
function syncStatusValue(status: IDataObject, variants: Array<Variant | undefined>): unknown {
	const first = field(status, SYNC_KEYS.status);
	if (first && ACKNOWLEDGEMENTS.has(normaliseKey(String(first.value)))) {
		const own = field(status, SYNC_KEYS.status.filter((key) => key !== first.key));
		if (own) {
			variants.push(`${own.key} for status (${first.key}: ${String(first.value)} is the envelope's)`);
			return own.value;
		}
	}
	variants.push(first?.variant);
	return first?.value;
}

/** A percentage, also when it sits in a progress object (`progress: { percent, … }`). */
function percentOf(value: unknown): number | undefined {
	return isObject(value) ? numberOf(fieldValue(value, SYNC_KEYS.percent)) : numberOf(value);
}

/**
 * The state a status word names. No word (or only an acknowledgement such as `OK`) next to the
 * documented "No active unit programming" message is idle; with another message it is `none`.
 */
function syncStateOf(statusText: string | undefined, message: string | undefined): SyncStatus['state'] {
	const word = statusText !== undefined && ACKNOWLEDGEMENTS.has(normaliseKey(statusText)) ? undefined : statusText;
	const reading = SYNC_STATES.read(word);
	if (reading.state !== 'none') return reading.state;
	return message !== undefined && normaliseKey(message) === NO_ACTIVE_SYNC ? 'idle' : 'none';
}
