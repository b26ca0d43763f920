/**
 * Primitives for reading response shapes the vendor docs do not show ("inferred" shapes). The
 * per-service readers (`nodes/<Service>/contract.ts`) build on them; the nodes and `npm run probe`
 * use the same readers, so a mismatch found by the probe is the one the node would meet.
 *
 * A reader tries the strict reading first (the shape this package was written against) and then
 * the plausible variants of the docs' own naming style: other spellings of a key (camelCase,
 * snake_case, PascalCase), synonyms, singular/plural, one extra level of nesting (`data`, `items`,
 * `result`, …), and lists found by their identifying field wherever they sit. It says which variant
 * matched. When nothing matches it says what it looked for and which top-level keys it saw, so the
 * caller can fail loudly instead of carrying on with an empty list.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The reading that matched: `strict`, or what differed from it. */
export type Variant = string;

export const STRICT: Variant = 'strict';

export type Reading<T> = { ok: true; value: T; variant: Variant } | { ok: false; missing: string; seen: string };

export const matched = <T>(value: T, variant: Variant = STRICT): Reading<T> => ({ ok: true, value, variant });

/** What a reading found, or `fallback` (e.g. an answer passed on as it came) when it found nothing. */
export const valueOr = <T>(reading: Reading<T>, fallback: T): T => (reading.ok ? reading.value : fallback);

export const mismatch = <T>(missing: string, body: unknown): Reading<T> => ({ ok: false, missing, seen: describeTopLevel(body) });

/** Envelope keys a server may wrap its answer in (one level of extra nesting). */
export const ENVELOPES = ['data', 'items', 'result', 'results', 'value', 'values', 'payload', 'response', 'records', 'rows', 'content'];

export const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `typeName`, `type_name`, `TypeName` and `TYPE-NAME` all normalise to `typename`. */
export const normaliseKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The key normalised and without a plural `s` (`types` → `type`, `statuses` → `status`). */
const singularKey = (key: string): string => {
	const normal = normaliseKey(key);
	if (normal.endsWith('ses')) return normal.slice(0, -2);
	return normal.endsWith('s') ? normal.slice(0, -1) : normal;
};

/** What a body looked like at the top, for error messages and probe reports. */
export function describeTopLevel(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'an empty answer';
	if (Array.isArray(body)) {
		const first = body.find(isObject);
		return `an array of ${body.length}${first ? ` (first item's keys: ${Object.keys(first).join(', ') || 'none'})` : ''}`;
	}
	if (isObject(body)) return `top-level keys: ${Object.keys(body).join(', ') || 'none'}`;
	return `a ${typeof body}`;
}

export interface FieldMatch {
	value: unknown;
	/** The key the value was found under. */
	key: string;
	variant: Variant;
}

/**
 * The value of the first of `names` present in `row` (`names[0]` is the strict key): exact key,
 * then the same key in another case style, then singular/plural. `undefined` and `null` count as absent.
 */
export function field(row: unknown, names: readonly string[]): FieldMatch | undefined {
	if (!isObject(row)) return undefined;
	const present = (key: string) => row[key] !== undefined && row[key] !== null;
	for (const [index, name] of names.entries()) {
		if (present(name)) return { value: row[name], key: name, variant: index === 0 ? STRICT : `${name} for ${names[0]}` };
	}
	const keys = Object.keys(row).filter(present);
	for (const compare of [normaliseKey, singularKey]) {
		for (const name of names) {
			const key = keys.find((candidate) => compare(candidate) === compare(name));
			if (key !== undefined) return { value: row[key], key, variant: `${key} for ${names[0]}` };
		}
	}
	return undefined;
}

export const fieldValue = (row: unknown, names: readonly string[]): unknown => field(row, names)?.value;

/** A non-empty text (numbers as text), or undefined. */
export function textOf(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return undefined;
}

export function booleanOf(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 1 || value === 0) return value === 1;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (text === 'true' || text === 'yes' || text === '1') return true;
	if (text === 'false' || text === 'no' || text === '0') return false;
	return undefined;
}

/** A list of texts: an array (of texts, or objects with one of `names`), or a comma-separated text. */
export function textsOf(value: unknown, names: readonly string[] = ['name', 'value']): string[] | undefined {
	if (typeof value === 'string') return value.split(',').map((part) => part.trim()).filter(Boolean);
	if (!Array.isArray(value)) return undefined;
	return value.flatMap((entry) => {
		const text = isObject(entry) ? textOf(fieldValue(entry, names)) : textOf(entry);
		return text === undefined ? [] : [text];
	});
}

export interface ListSpec {
	/** The key the list sits under in the strict reading; omitted when the strict answer is a bare array. */
	at?: string;
	/** Other keys the list may sit under (any case style, singular/plural are tried too). */
	synonyms?: readonly string[];
	/** Fields that identify one row (e.g. `typeName`): used to find the list wherever it sits. */
	identify: readonly string[];
	/** Rows may be plain texts (e.g. event names). */
	texts?: boolean;
	/** Lists already taken by another reading of the same body (e.g. profiles next to types). */
	exclude?: readonly unknown[];
}

const rowIdentified = (spec: ListSpec) => (row: unknown) => (spec.texts === true && textOf(row) !== undefined) || field(row, spec.identify) !== undefined;

/** Whether a value can be the list: an array whose rows are identified (or an empty array). */
function listLike(value: unknown, spec: ListSpec): value is unknown[] {
	if (!Array.isArray(value) || spec.exclude?.includes(value)) return false;
	return value.length === 0 || value.some(rowIdentified(spec));
}

/**
 * Finds a list in an answer. Strict: the bare array (no `at`) or `body[at]`. Variants, in order:
 * another key (any case style, singular/plural); the same one level down in an envelope; a bare
 * array where an envelope was expected; any array of identified rows up to three levels deep;
 * a single identified object where a list was expected.
 */
export function findList(body: unknown, spec: ListSpec): Reading<unknown[]> {
	const keys = [...(spec.at === undefined ? [] : [spec.at]), ...(spec.synonyms ?? [])];
	if (spec.at === undefined ? listLike(body, spec) : isObject(body) && listLike(body[spec.at], spec)) {
		return matched(spec.at === undefined ? (body as unknown[]) : ((body as IDataObject)[spec.at] as unknown[]));
	}
	const underKey = (container: unknown, path: string): Reading<unknown[]> | undefined => {
		if (!isObject(container) || keys.length === 0) return undefined;
		const hit = field(container, keys);
		if (hit && listLike(hit.value, spec)) return matched(hit.value, `list under ${path}${hit.key}`);
		// A key that names the list with a prefix or suffix (`webhook_list`, `allWebhooks`).
		const stems = keys.map(singularKey);
		const named = Object.keys(container).find((key) => stems.some((stem) => normaliseKey(key) !== stem && normaliseKey(key).includes(stem)) && listLike(container[key], spec));
		return named === undefined ? undefined : matched(container[named] as unknown[], `list under ${path}${named}`);
	};
	const direct = underKey(body, '');
	if (direct) return direct;
	if (isObject(body)) {
		for (const envelope of ENVELOPES) {
			const inner = field(body, [envelope]);
			if (!inner) continue;
			const nested = underKey(inner.value, `${inner.key}.`);
			if (nested) return nested;
			if (listLike(inner.value, spec)) return matched(inner.value, `list under ${inner.key}`);
		}
	}
	if (spec.at !== undefined && listLike(body, spec)) return matched(body, 'a bare array');
	const found = searchIdentified(body, spec, '', 0);
	if (found) return found;
	// Singular: one identified object where a list was expected.
	for (const candidate of [body, ...(isObject(body) ? ENVELOPES.map((key) => fieldValue(body, [key])) : [])]) {
		if (isObject(candidate) && field(candidate, spec.identify)) return matched([candidate], 'a single object instead of a list');
	}
	// The only list in the answer (up to one envelope level down), when it is empty: nothing to identify it by.
	const lists = [body, ...(isObject(body) ? Object.values(body) : [])].flatMap((value) => (isObject(value) ? Object.entries(value) : [])).filter(([, value]) => Array.isArray(value));
	if (lists.length === 1 && (lists[0][1] as unknown[]).length === 0) return matched([], `the only (empty) list, under ${lists[0][0]}`);
	return mismatch(`a list of rows with ${spec.identify.join(' / ')}${spec.at ? ` (expected under "${spec.at}")` : ' (expected a bare array)'}`, body);
}

function searchIdentified(value: unknown, spec: ListSpec, path: string, depth: number): Reading<unknown[]> | undefined {
	if (depth > 3) return undefined;
	if (Array.isArray(value)) {
		if (value.length > 0 && !spec.exclude?.includes(value) && value.filter(rowIdentified(spec)).length >= Math.ceil(value.length / 2)) {
			return matched(value, path === '' ? 'a bare array' : `list found by its rows' ${spec.identify[0]} under ${path}`);
		}
		return undefined;
	}
	if (!isObject(value)) return undefined;
	for (const [key, child] of Object.entries(value)) {
		const found = searchIdentified(child, spec, path ? `${path}.${key}` : key, depth + 1);
		if (found) return found;
	}
	return undefined;
}

/** How many of `identify` an object carries. */
const identifiedBy = (value: unknown, identify: readonly string[]): number => identify.filter((name) => field(value, [name]) !== undefined).length;

/**
 * The object an answer is about: the body itself when it carries one of `identify`, unless one of
 * its child objects carries more of them (an answer wrapped as `{ status: "OK", sync: { … } }`:
 * the child is read, with the body's other fields next to it); else the same one level down in
 * an envelope, else the only row of a one-row list.
 */
export function findObject(body: unknown, identify: readonly string[]): Reading<IDataObject> {
	if (isObject(body) && field(body, identify)) {
		const own = identifiedBy(body, identify);
		const child = Object.entries(body)
			.filter(([, value]) => isObject(value))
			.map(([key, value]) => ({ key, value: value as IDataObject, score: identifiedBy(value, identify) }))
			.sort((a, b) => b.score - a.score)[0];
		if (child && child.score > own) {
			const outer = Object.fromEntries(Object.entries(body).filter(([key]) => key !== child.key));
			return matched({ ...outer, ...child.value }, `object under ${child.key}`);
		}
		const hit = field(body, identify)!;
		return matched(body, hit.variant === STRICT ? STRICT : `field ${hit.key}`);
	}
	if (isObject(body)) {
		for (const envelope of ENVELOPES) {
			const inner = field(body, [envelope]);
			if (inner && isObject(inner.value) && field(inner.value, identify)) return matched(inner.value, `object under ${inner.key}`);
			if (inner && Array.isArray(inner.value) && inner.value.length === 1 && isObject(inner.value[0])) return matched(inner.value[0], `one-row list under ${inner.key}`);
		}
		// One level of nesting under a key of the server's choosing (`{ status: "OK", idEntry: { … } }`).
		const named = bestIdentifiedChild(body, identify);
		if (named) return matched(named.value, `object under ${named.key}`);
	}
	if (Array.isArray(body) && body.length === 1 && isObject(body[0])) return matched(body[0], 'a one-row array');
	return mismatch(`an object with ${identify.join(' / ')}`, body);
}

/** The child object that carries the most of `identify` (at least one), if any. */
function bestIdentifiedChild(body: IDataObject, identify: readonly string[]): { key: string; value: IDataObject } | undefined {
	const children = Object.entries(body)
		.filter((entry): entry is [string, IDataObject] => isObject(entry[1]))
		.map(([key, value]) => ({ key, value, score: identifiedBy(value, identify) }))
		.filter((child) => child.score > 0)
		.sort((a, b) => b.score - a.score);
	return children[0];
}

/** The body itself, or what one envelope level holds when the body is only that envelope. */
export function unwrapObject(body: unknown, identify: readonly string[]): { value: IDataObject; variant: Variant } | undefined {
	const reading = findObject(body, identify);
	return reading.ok ? { value: reading.value, variant: reading.variant } : undefined;
}

/** Plain objects of a list (rows that are texts become `{ [key]: text }`). */
export function rowsOf(list: unknown[], textKey = 'value'): IDataObject[] {
	return list.flatMap((row) => (isObject(row) ? [row] : textOf(row) !== undefined ? [{ [textKey]: row as string }] : []));
}

/** Combines the variants of several readings into one report line. */
export function joinVariants(variants: ReadonlyArray<Variant | undefined>): Variant {
	const different = [...new Set(variants.filter((variant): variant is Variant => variant !== undefined && variant !== STRICT))];
	return different.length === 0 ? STRICT : different.join('; ');
}

/** The sentence a loud failure ends with: where to report it. */
export const REPORT_HINT =
	'The vendor docs do not show this answer\'s shape, so this node guessed it. Please report this message (it holds no secrets) to the n8n-nodes-device-access maintainers; `npm run probe` prints a full report. See docs/vendor-contract.md.';

/** The message a reader mismatch fails with, naming the endpoint and what was seen. */
export function mismatchMessage(service: string, endpoint: string, reading: { missing: string; seen: string }): string {
	return `${service}: the answer to ${endpoint} is not in a shape this node can read: expected ${reading.missing}, got ${reading.seen}`;
}

/**
 * The value of a reading, or a loud error naming the endpoint and what the answer looked like
 * (for dropdowns and operations that cannot go on without it).
 */
export function expectReading<T>(node: INode, service: string, endpoint: string, reading: Reading<T>, itemIndex?: number): T {
	if (reading.ok) return reading.value;
	throw new NodeOperationError(node, mismatchMessage(service, endpoint, reading), { itemIndex, description: REPORT_HINT });
}
