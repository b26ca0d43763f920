/**
 * Cursors of the polling triggers, kept in the node's static data like n8n's own polling triggers
 * (Gmail Trigger keeps `lastMessageTimestamp` + `possibleDuplicates`). A poll reads the cursors at
 * its start, stages new ones while it works, and writes them only once every read succeeded: a poll
 * that fails (429, 5xx, network) leaves every cursor as it was, so the next poll repeats the window.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

/**
 * "Everything up to `at` is seen, and of the rows stamped exactly `at`, these ids": exact once for
 * APIs that filter by time at whole seconds and can stamp several rows with the same second.
 */
export interface TimeCursor extends IDataObject {
	/** ISO 8601 UTC of the newest row seen. */
	at: string;
	/** Ids of the rows stamped `at` that were emitted. */
	ids: string[];
}

/** A row's place in time and identity, read by the trigger (the row's shape is the service's). */
export interface RowKey {
	atMs: number;
	id: string;
	/** The row has no id of its own: rows with the same key are told apart only by how many there are. */
	repeats?: boolean;
}

/**
 * The rows not covered by `cursor` (oldest first, each id once), and the cursor after them. Rows
 * without a readable time are never emitted (they cannot be placed after the cursor).
 */
export function sinceCursor<T>(rows: T[], cursor: TimeCursor, keyOf: (row: T) => RowKey | undefined): { fresh: T[]; next: TimeCursor } {
	const cursorMs = Date.parse(cursor.at);
	const seenAtCursor = new Set(cursor.ids);
	const byId = new Map<string, { row: T; key: RowKey }>();
	for (const row of rows) {
		const key = keyOf(row);
		if (!key || Number.isNaN(key.atMs) || byId.has(key.id)) continue;
		if (key.atMs < cursorMs || (key.atMs === cursorMs && seenAtCursor.has(key.id))) continue;
		byId.set(key.id, { row, key });
	}
	const fresh = [...byId.values()].sort((a, b) => a.key.atMs - b.key.atMs);
	if (fresh.length === 0) return { fresh: [], next: cursor };
	const newestMs = fresh[fresh.length - 1].key.atMs;
	const idsAtNewest = fresh.filter(({ key }) => key.atMs === newestMs).map(({ key }) => key.id);
	const next: TimeCursor = {
		at: new Date(newestMs).toISOString(),
		ids: newestMs === cursorMs ? [...cursor.ids, ...idsAtNewest] : idsAtNewest,
	};
	return { fresh: fresh.map(({ row }) => row), next };
}

/** A cursor that starts "now": rows stamped from the current second on count as new. */
export function cursorAt(ms: number, ids: string[] = []): TimeCursor {
	return { at: new Date(Math.floor(ms / 1000) * 1000).toISOString(), ids };
}

/**
 * The node's cursors by name (one per unit, or one for the account). `stage` keeps a new value
 * in memory; `commit` writes the staged values and drops cursors no longer wanted (a unit removed
 * from the node), and is called only after a poll succeeded and not in a manual test run.
 */
export class PollCursors<T extends IDataObject> {
	private readonly stored: Record<string, T>;
	private readonly staged = new Map<string, T>();

	constructor(
		private readonly ctx: IPollFunctions,
		private readonly key = 'cursors',
	) {
		const data = ctx.getWorkflowStaticData('node');
		this.stored = (data[this.key] as Record<string, T> | undefined) ?? {};
	}

	get(name: string): T | undefined {
		return this.staged.get(name) ?? this.stored[name];
	}

	stage(name: string, value: T): void {
		this.staged.set(name, value);
	}

	/** Writes the staged cursors; keeps only `keep` when given. Nothing happens in manual mode. */
	commit(keep?: string[]): void {
		if (this.ctx.getMode() === 'manual') return;
		const next: Record<string, T> = { ...this.stored };
		for (const [name, value] of this.staged) next[name] = value;
		if (keep) for (const name of Object.keys(next)) if (!keep.includes(name)) delete next[name];
		this.ctx.getWorkflowStaticData('node')[this.key] = next;
	}
}

/** What a polling trigger reads from one source (a unit, the account) in one poll. */
export interface SourceRead<T extends IDataObject> {
	/** The items to emit, oldest first. */
	items: IDataObject[];
	/** The source's cursor after this read; staged, and written only once every source was read. */
	next?: T;
}

/**
 * One poll of a trigger that keeps a cursor per source (stored under `store` in the node's static
 * data): reads the sources one after another with their cursors (`undefined` on the first poll),
 * then commits the new cursors, drops those of sources no longer polled, and emits every item. A
 * read that throws leaves every cursor as it was; a manual run ("Fetch Test Event") stores nothing.
 */
export async function pollSources<T extends IDataObject, S extends { key: string }>(
	ctx: IPollFunctions,
	store: string,
	sources: S[],
	read: (source: S, cursor: T | undefined, manual: boolean) => Promise<SourceRead<T>>,
): Promise<INodeExecutionData[][] | null> {
	const cursors = new PollCursors<T>(ctx, store);
	const manual = ctx.getMode() === 'manual';
	const items: IDataObject[] = [];
	for (const source of sources) {
		const result = await read(source, cursors.get(source.key), manual);
		if (result.next !== undefined) cursors.stage(source.key, result.next);
		items.push(...result.items);
	}
	cursors.commit(sources.map((source) => source.key));
	return items.length > 0 ? [ctx.helpers.returnJsonArray(items)] : null;
}
