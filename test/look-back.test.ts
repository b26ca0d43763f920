/** The look-back memory (nodes/shared/look-back.ts) on its own: what is new, what is remembered, what is forgotten. */
import type { RowKey } from '../nodes/shared/cursor';
import { seenFrom, seenFromCursor, sinceSeen, type SeenRows } from '../nodes/shared/look-back';

interface Row {
	second: number;
	id: string;
	/** No id of its own (an id-less log row): rows with the same key are counted. */
	repeats?: boolean;
}

const T0 = Date.parse('2026-12-01T10:00:00Z') / 1_000;
const row = (offset: number, id: string, repeats = false): Row => ({ second: T0 + offset, id, repeats });
const keyOf = (r: Row): RowKey => ({ atMs: r.second * 1_000, id: r.id, repeats: r.repeats || undefined });
const wide = { keepFromMs: 0, maxRows: 1_000 };
const ids = (rows: Row[]) => rows.map((r) => r.id);
const remembered = (memory: SeenRows) => Object.values(memory.seen).flat();

describe('sinceSeen', () => {
	test('a row with an id is new once, even when a read holds it twice; oldest first', () => {
		const memory = seenFrom(T0 * 1_000);
		const first = sinceSeen([row(5, 'b'), row(1, 'a'), row(5, 'b')], memory, keyOf, wide);
		expect(ids(first.fresh)).toEqual(['a', 'b']);
		expect(ids(sinceSeen([row(1, 'a'), row(5, 'b'), row(3, 'late')], first.next, keyOf, wide).fresh)).toEqual(['late']);
	});

	test('rows without an id keep their multiplicity: three identical rows of which two were emitted give one', () => {
		const twice = sinceSeen([row(2, 'x', true), row(2, 'x', true)], seenFrom(T0 * 1_000), keyOf, wide);
		expect(twice.fresh).toHaveLength(2);
		const thrice = sinceSeen([row(2, 'x', true), row(2, 'x', true), row(2, 'x', true)], twice.next, keyOf, wide);
		expect(thrice.fresh).toHaveLength(1);
		expect(remembered(thrice.next)).toEqual(['x', 'x', 'x']);
		// The same key at another second is another row.
		expect(sinceSeen([row(3, 'x', true)], thrice.next, keyOf, wide).fresh).toHaveLength(1);
	});

	test('rows stamped before the memory starts are never emitted', () => {
		const memory = seenFrom((T0 + 10) * 1_000);
		expect(ids(sinceSeen([row(9, 'old'), row(10, 'edge')], memory, keyOf, wide).fresh)).toEqual(['edge']);
	});

	test('what falls out of the window is forgotten, and the memory starts at the window', () => {
		const first = sinceSeen([row(1, 'a'), row(20, 'b')], seenFrom(T0 * 1_000), keyOf, wide);
		const moved = sinceSeen([], first.next, keyOf, { keepFromMs: (T0 + 10) * 1_000, maxRows: 1_000 });
		expect(moved.next).toEqual({ from: new Date((T0 + 10) * 1_000).toISOString(), seen: { [T0 + 20]: ['b'] } });
		expect(moved.capped).toBe(false);
		// A window that starts earlier than the memory does not widen it.
		expect(sinceSeen([], moved.next, keyOf, wide).next.from).toBe(moved.next.from);
	});

	test('over the cap, whole seconds go oldest first and the memory starts after them', () => {
		const rows = [row(1, 'a'), row(2, 'b1'), row(2, 'b2'), row(3, 'c'), row(4, 'd')];
		const capped = sinceSeen(rows, seenFrom(T0 * 1_000), keyOf, { keepFromMs: 0, maxRows: 2 });
		expect(ids(capped.fresh)).toEqual(['a', 'b1', 'b2', 'c', 'd']);
		expect(capped.capped).toBe(true);
		expect(capped.next).toEqual({ from: new Date((T0 + 3) * 1_000).toISOString(), seen: { [T0 + 3]: ['c'], [T0 + 4]: ['d'] } });
		// Read again: nothing twice, the forgotten seconds included.
		expect(sinceSeen(rows, capped.next, keyOf, { keepFromMs: 0, maxRows: 2 }).fresh).toEqual([]);
	});

	test('a single second over the cap is forgotten whole: the memory starts after it', () => {
		const capped = sinceSeen([row(1, 'a'), row(1, 'b'), row(1, 'c')], seenFrom(T0 * 1_000), keyOf, { keepFromMs: 0, maxRows: 2 });
		expect(capped.next).toEqual({ from: new Date((T0 + 2) * 1_000).toISOString(), seen: {} });
	});
});

test('seenFromCursor: a time cursor becomes the memory it stands for', () => {
	const memory = seenFromCursor({ at: new Date((T0 + 7) * 1_000).toISOString(), ids: ['a', 'row:full'] }, (id) => id.toUpperCase());
	expect(memory).toEqual({ from: new Date((T0 + 7) * 1_000).toISOString(), seen: { [T0 + 7]: ['A', 'ROW:FULL'] } });
	expect(ids(sinceSeen([row(6, 'older'), row(7, 'A'), row(7, 'new')], memory, keyOf, wide).fresh)).toEqual(['new']);
});
