/**
 * Exactly-once for rows that can arrive late with an older time (a FlexyKey unit that was offline
 * uploads its buffered log when it reconnects). A time cursor cannot see such rows: they land
 * behind it. Instead a trigger re-reads a look-back window at each poll and remembers which rows
 * of that window it emitted; a row it does not remember is new, whatever its time.
 *
 * The memory is kept in the node's static data, which n8n saves after every poll, so it stays small:
 * only the ids of rows inside the window, grouped by second, pruned as the window moves, with a hard
 * cap on the number of rows.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RowKey, TimeCursor } from './cursor';

const SECOND = 1_000;

/** What a look-back trigger remembers of one source (a unit). */
export interface SeenRows extends IDataObject {
	/**
	 * ISO 8601 UTC, a whole second: every row stamped from here on that was emitted is in `seen`.
	 * The next poll reads from here; rows stamped before it are never emitted.
	 */
	from: string;
	/** The ids of the emitted rows by the whole epoch second of their time; an id once per emitted copy. */
	seen: Record<string, string[]>;
}

export interface LookBack {
	/** Rows stamped before this time (epoch ms) are forgotten after this poll. */
	keepFromMs: number;
	/** Most rows remembered; the oldest seconds are forgotten first beyond it. */
	maxRows: number;
}

export interface SinceSeen<T> {
	/** Rows not emitted before, oldest first (of identical id-less rows, as many as are new). */
	fresh: T[];
	next: SeenRows;
	/** True when the cap forgot rows newer than `keepFromMs`: the window is shorter than asked. */
	capped: boolean;
}

const secondOf = (ms: number) => Math.floor(ms / SECOND);
const isoAt = (second: number) => new Date(second * SECOND).toISOString();

/** An empty memory whose window starts at `ms` (the second it falls in). */
export function seenFrom(ms: number): SeenRows {
	return { from: isoAt(secondOf(ms)), seen: {} };
}

/**
 * The memory equivalent to a time cursor (what the trigger stored before it looked back): rows
 * from the cursor's second on, of which the ids at that second were emitted. `idOf` maps the ids
 * the cursor stored to the ids the trigger uses now.
 */
export function seenFromCursor(cursor: TimeCursor, idOf: (storedId: string) => string = (id) => id): SeenRows {
	const second = secondOf(Date.parse(cursor.at));
	return { from: isoAt(second), seen: cursor.ids.length > 0 ? { [second]: cursor.ids.map(idOf) } : {} };
}

/** Ids counted by how often they occur. */
function tally(ids: string[] = []): Map<string, number> {
	const counts = new Map<string, number>();
	for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}

/**
 * The rows of a read (oldest first, every row stamped from `memory.from` on) not emitted before,
 * and the memory after emitting them. A row with an id is new when its id is not remembered at its
 * second; rows that only repeat a key (`RowKey.repeats`: no id of their own) keep their multiplicity:
 * three identical rows of which two were emitted give one. Rows stamped before `memory.from` or
 * without a readable time are never emitted.
 */
export function sinceSeen<T>(rows: T[], memory: SeenRows, keyOf: (row: T) => RowKey | undefined, window: LookBack): SinceSeen<T> {
	const fromSecond = secondOf(Date.parse(memory.from));
	const read = new Map<number, Map<string, number>>();
	const fresh: Array<{ row: T; atMs: number }> = [];
	const remembered = new Map<number, Map<string, number>>();
	const rememberedAt = (second: number) => remembered.get(second) ?? remembered.set(second, tally(memory.seen[second])).get(second)!;
	for (const row of rows) {
		const key = keyOf(row);
		if (!key || Number.isNaN(key.atMs)) continue;
		const second = secondOf(key.atMs);
		if (second < fromSecond) continue;
		const counts = read.get(second) ?? new Map<string, number>();
		read.set(second, counts);
		const copy = (counts.get(key.id) ?? 0) + 1;
		if (copy > 1 && !key.repeats) continue;
		counts.set(key.id, copy);
		if (copy > (rememberedAt(second).get(key.id) ?? 0)) fresh.push({ row, atMs: key.atMs });
	}
	fresh.sort((a, b) => a.atMs - b.atMs);
	const { next, capped } = remember(memory, read, window);
	return { fresh: fresh.map(({ row }) => row), next, capped };
}

/** The memory plus what was read (the larger count per id), pruned to the window and the cap. */
function remember(memory: SeenRows, read: Map<number, Map<string, number>>, window: LookBack): { next: SeenRows; capped: boolean } {
	const keepFrom = Math.max(secondOf(Date.parse(memory.from)), secondOf(window.keepFromMs));
	const seconds = new Set([...Object.keys(memory.seen).map(Number), ...read.keys()]);
	const kept = [...seconds].filter((second) => second >= keepFrom).sort((a, b) => a - b);
	const merged = new Map<number, string[]>();
	for (const second of kept) {
		const counts = tally(memory.seen[second]);
		for (const [id, count] of read.get(second) ?? []) counts.set(id, Math.max(count, counts.get(id) ?? 0));
		merged.set(second, [...counts].flatMap(([id, count]) => Array<string>(count).fill(id)));
	}
	let total = [...merged.values()].reduce((sum, ids) => sum + ids.length, 0);
	let from = keepFrom;
	// Over the cap, whole seconds go, oldest first, and the window starts after them: a row of a
	// forgotten second could otherwise be emitted again.
	for (const second of kept) {
		if (total <= window.maxRows) break;
		total -= merged.get(second)!.length;
		merged.delete(second);
		from = second + 1;
	}
	const seen: Record<string, string[]> = {};
	for (const [second, ids] of merged) seen[second] = ids;
	return { next: { from: isoAt(from), seen }, capped: from > keepFrom };
}
