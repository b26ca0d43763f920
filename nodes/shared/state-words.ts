/**
 * The one reader of state words (sync status, order status, command result status, …). Servers
 * write the same state in many forms: `Completed`, `COMPLETED`, `in_progress`, `In Progress`,
 * `inProgress`, a synonym (`done`, `success`), or a number where an enum is serialised as its
 * position. A table lists, for each state the node knows, the words (any case and separator style)
 * and, only where the vendor docs give the states in an order, the numeric codes. Anything else is
 * `unknown` and keeps the raw word, so the caller can fail at once naming it, instead of reading it
 * as "still running" until a timeout or as a failure.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { normaliseKey, REPORT_HINT } from './contract';

/** `In Progress`, `in_progress`, `inProgress`, `IN-PROGRESS` all normalise to `inprogress` (as keys do). */
const normaliseWord = normaliseKey;

export interface StateTable<S extends string> {
	/** What the word is, for messages: `sync status`, `order status`. */
	readonly subject: string;
	/** Each state's words, in any case or separator style (normalised on lookup). */
	readonly words: Readonly<Record<S, readonly string[]>>;
	/** Numeric codes, only where the docs list the states in an order (each use commented `// inferred:`). */
	readonly codes?: Readonly<Record<number, S>>;
}

export type StateReading<S extends string> =
	| { known: true; state: S; raw: string }
	| { known: false; state: 'unknown'; raw: string }
	/** No word at all (absent, null, empty): the caller decides what that means. */
	| { known: false; state: 'none'; raw: '' };

/** A compiled table: normalised word → state. */
export interface StateReader<S extends string> {
	readonly table: StateTable<S>;
	read(value: unknown): StateReading<S>;
	/** The words it knows, for an error's description. */
	readonly known: string;
}

export function stateReader<S extends string>(table: StateTable<S>): StateReader<S> {
	const lookup = new Map<string, S>();
	for (const [state, words] of Object.entries(table.words) as Array<[S, readonly string[]]>) {
		for (const word of [state, ...words]) lookup.set(normaliseWord(word), state);
	}
	const known = [
		...Object.keys(table.words),
		...(table.codes ? Object.entries(table.codes).map(([code, state]) => `${code} (${state})`) : []),
	].join(', ');
	return {
		table,
		known,
		read(value) {
			if (value === undefined || value === null) return { known: false, state: 'none', raw: '' };
			const raw = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
			if (raw.trim() === '') return { known: false, state: 'none', raw: '' };
			const trimmed = raw.trim();
			if (/^-?\d+$/.test(trimmed)) {
				const coded = table.codes?.[Number(trimmed)];
				return coded === undefined ? { known: false, state: 'unknown', raw } : { known: true, state: coded, raw };
			}
			const state = lookup.get(normaliseWord(trimmed));
			return state === undefined ? { known: false, state: 'unknown', raw } : { known: true, state, raw };
		},
	};
}

/**
 * The loud failure for a word the table does not know: it names the word and the endpoint, at once
 * (never "still running" until a timeout). `extra` is put before the report hint (e.g. "The order was placed").
 */
export function unknownStateError(
	node: INode,
	service: string,
	reader: StateReader<string>,
	raw: string,
	endpoint: string,
	itemIndex?: number,
	extra?: string,
): NodeOperationError {
	return new NodeOperationError(node, `${service} answered ${reader.table.subject} "${raw}" on ${endpoint}, which this node does not know`, {
		itemIndex,
		description: [extra, `Known: ${reader.known} (any case or separator style).`, REPORT_HINT].filter(Boolean).join(' '),
	});
}
