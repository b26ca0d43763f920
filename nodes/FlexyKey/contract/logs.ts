/**
 * FlexyKey logs: `GET /Logs` rows, their identity and UTC time for the Log Trigger's cursor.
 */
import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { RowKey } from '../../shared/cursor';
import { fieldValue, mismatch, type Reading, textOf } from '../../shared/contract';
import { readList } from './lists';

const LOG_KEYS = {
	id: ['logId', 'id', 'logEntryId', 'entryId'],
	// never the local-time `timestamp` (the doc says machine logic uses the …Iso fields)
	time: ['timestampIso', 'timestampUtc', 'timeIso', 'loggedAtIso', 'createdIso', 'createdAtIso'],
	type: ['eventType', 'logType', 'type', 'event', 'category'],
	text: ['message', 'text', 'description', 'details'],
} as const;

/**
 * inferred: a log row's identity is its `logId` (also `id`, …), its time `timestampIso` (UTC); a row
 * without an id is identified by its time, type and text, and identical such rows are told apart only
 * by how many there are (`repeats`). That key is kept as a short digest: the Log Trigger stores it.
 */
export function logRowKey(row: IDataObject): RowKey | undefined {
	const time = textOf(fieldValue(row, LOG_KEYS.time));
	const atMs = Date.parse(time ?? '');
	if (Number.isNaN(atMs)) return undefined;
	const id = textOf(fieldValue(row, LOG_KEYS.id));
	if (id !== undefined) return { atMs, id: `log:${id}` };
	const part = (names: readonly string[]) => String(textOf(fieldValue(row, names)) ?? '');
	return { atMs, id: idlessLogKey(`row:${time}|${part(LOG_KEYS.type)}|${part(LOG_KEYS.text)}`), repeats: true };
}

/**
 * The key of an id-less log row from its full form `row:<time>|<type>|<text>` (what the Log Trigger
 * stored before it kept digests): 64 bits of SHA-256 are plenty to tell the rows of one second apart.
 * Any other id is returned as it is.
 */
export function idlessLogKey(fullKey: string): string {
	if (!fullKey.startsWith('row:')) return fullKey;
	return `row:${createHash('sha256').update(fullKey.slice(4)).digest('hex').slice(0, 16)}`;
}

/**
 * `GET /Logs` rows (inferred: a bare array of rows with `logId`, `timestampIso`, …). Rows none of
 * which has a readable time cannot be placed after a poll cursor: that is a mismatch naming the keys
 * seen, never an empty poll.
 */
export function readLogRows(body: unknown): Reading<IDataObject[]> {
	const rows = readList('logs', body);
	if (!rows.ok || rows.value.length === 0 || rows.value.some((row) => logRowKey(row) !== undefined)) return rows;
	return mismatch(`log rows with a UTC time (${LOG_KEYS.time.join(' / ')})`, rows.value);
}
