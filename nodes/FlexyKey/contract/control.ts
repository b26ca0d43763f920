/**
 * FlexyKey control status: `GET /Control` and the `control.statusChanged` payload (documented fields read
 * strictly, IO items tolerantly).
 */
import type { IDataObject } from 'n8n-workflow';
import { booleanOf, field, isObject, joinVariants, matched, mismatch, type Reading, STRICT, textOf, type Variant } from '../../shared/contract';
import { stateReader } from '../../shared/state-words';

/*
 * The doc names the status fields (`unitId`, `serialNumber`, `inputs`, `fOutputs`, `xOutputs`,
 * `xInputs`, `statusTimestampIso`, `xInputsStatusTimestampIso`), so they are read strictly; it shows
 * no IO item, so the item is read tolerantly (below). One reader for the status trigger, Set
 * Output's confirmation and the webhook trigger, so a different real shape is fixed in one place.
 */

/** `GET /Control` (documented: the status object). Anything but an object with its IO lists is a mismatch, never "no IOs". */
export function readControlStatus(body: unknown): Reading<IDataObject> {
	// An object with none of the documented IO groups ("xInputs is always present") is no status: read
	// as one it would show no IO at all, and a poll would silently store that.
	const isStatus = isObject(body) && GROUPS.some(({ group }) => group in body);
	return isStatus ? matched(body) : mismatch('the status object (documented: unitId, inputs, fOutputs, …)', body);
}

export interface ControlStatusFields {
	unitId: IDataObject[string];
	serialNumber: IDataObject[string];
	statusTimestampIso: string | null;
	xInputsStatusTimestampIso: string | null;
}

/** The documented fields of a status, strictly (as given; null when absent). */
export function controlStatusFields(status: IDataObject): ControlStatusFields {
	const iso = (value: unknown) => (typeof value === 'string' ? value : null);
	return {
		unitId: status.unitId ?? null,
		serialNumber: status.serialNumber ?? null,
		statusTimestampIso: iso(status.statusTimestampIso),
		xInputsStatusTimestampIso: iso(status.xInputsStatusTimestampIso),
	};
}

/** The unit a status (or a signed `control.statusChanged` body) names: documented `unitId`, as a number or digits. */
export function statusUnitId(status: IDataObject): number | undefined {
	const raw = status.unitId;
	if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
	if (typeof raw === 'string' && /^\d+$/.test(raw.trim())) return Number(raw.trim());
	return undefined;
}

export type OnOff = 'ON' | 'OFF';
export type IoKind = 'output' | 'input';

export interface IoState {
	globalNumber: string;
	kind: IoKind;
	/** The status field it came from: `fOutputs`, `xOutputs`, `inputs` or `xInputs`. */
	group: string;
	state: OnOff;
	/** The status time of its group: `xInputsStatusTimestampIso` for expansion inputs, else `statusTimestampIso`. */
	timestampIso: string | null;
}

const GROUPS: Array<{ group: string; kind: IoKind; timestamp: string }> = [
	{ group: 'fOutputs', kind: 'output', timestamp: 'statusTimestampIso' },
	{ group: 'xOutputs', kind: 'output', timestamp: 'statusTimestampIso' },
	{ group: 'inputs', kind: 'input', timestamp: 'statusTimestampIso' },
	{ group: 'xInputs', kind: 'input', timestamp: 'xInputsStatusTimestampIso' },
];

const IO_KEYS = {
	number: ['globalNumber', 'number', 'ioNumber', 'ioId', 'io'],
	state: ['state', 'status', 'value', 'isOn', 'on', 'isActive', 'active'],
} as const;

/**
 * inferred: each IO item as `{ globalNumber, state }` with state `ON`/`OFF`. Also read: the keys
 * of IO_KEYS in any case style, `true`/`false`, `1`/`0`, `"1"`/`"0"`, and a group given as a map
 * (`{ "F1": "ON" }` or `{ "F1": { "state": "ON" } }`). A single item that cannot be read is left
 * out (a unit may list IO without an on/off state); when IO lists hold items and not one can be
 * read, the shape is unknown and this is a mismatch: the caller would otherwise see no IO at all.
 */
export function readIoStates(status: IDataObject): Reading<IoState[]> {
	const states: IoState[] = [];
	const variants = new Set<Variant>();
	let firstUnread: { group: string; item: unknown } | undefined;
	let seen = 0;
	for (const { group, kind, timestamp } of GROUPS) {
		const timestampIso = typeof status[timestamp] === 'string' ? (status[timestamp] as string) : null;
		for (const [key, item] of ioEntries(status[group])) {
			seen++;
			const io = readIoItem(item, key);
			if (!io) {
				firstUnread ??= { group, item };
				continue;
			}
			if (io.variant !== STRICT) variants.add(io.variant);
			states.push({ globalNumber: io.globalNumber, kind, group, state: io.state, timestampIso });
		}
	}
	if (seen > 0 && states.length === 0 && firstUnread) {
		return mismatch(`IO items with a globalNumber and an ON/OFF state (none of ${seen} could be read; the first is in ${firstUnread.group})`, firstUnread.item);
	}
	return matched(states, joinVariants([...variants]));
}

/** A group's items as [map key, item]: a list (no key) or a map keyed by global number. */
function ioEntries(group: unknown): Array<[string | undefined, unknown]> {
	if (Array.isArray(group)) return group.map((item) => [undefined, item]);
	if (isObject(group)) return Object.entries(group);
	return [];
}

function readIoItem(item: unknown, key: string | undefined): { globalNumber: string; state: OnOff; variant: Variant } | undefined {
	if (!isObject(item)) {
		const state = key === undefined ? undefined : onOff(item);
		return state ? { globalNumber: key!.toUpperCase(), state, variant: 'a map of global number to state' } : undefined;
	}
	const number = field(item, IO_KEYS.number);
	const globalNumber = textOf(number?.value) ?? key;
	const stateField = field(item, IO_KEYS.state);
	const state = onOff(stateField?.value);
	if (!globalNumber || !state) return undefined;
	const differed = [number ? number.variant : 'a map keyed by global number', stateField!.variant].filter((variant) => variant !== STRICT);
	return { globalNumber: globalNumber.toUpperCase(), state, variant: differed.length > 0 ? differed.join(', ') : STRICT };
}

/**
 * inferred: IO state words (the doc shows ON/OFF only as `outputAction` values), in any case, with
 * their common synonyms; flags (`true`/`false`, `1`/`0`, `yes`/`no`) are read by the shared `booleanOf`.
 */
export const IO_STATES = stateReader<OnOff>({
	subject: 'IO state',
	words: {
		ON: ['active', 'high', 'energised', 'energized'],
		OFF: ['inactive', 'low', 'deenergised', 'deenergized'],
	},
});

/** An IO state word or flag, or undefined. */
function onOff(value: unknown): OnOff | undefined {
	const flag = booleanOf(value);
	if (flag !== undefined) return flag ? 'ON' : 'OFF';
	const word = IO_STATES.read(typeof value === 'string' ? value : undefined);
	return word.known ? word.state : undefined;
}

/**
 * The state word of `globalNumber`'s IO item when the item is there but its state is not one this
 * node knows (such an item is left out of `readIoStates`): a wait for that output fails naming it.
 */
export function unknownIoState(status: IDataObject, globalNumber: string): string | undefined {
	for (const { group } of GROUPS) {
		for (const [key, item] of ioEntries(status[group])) {
			const number = isObject(item) ? textOf(field(item, IO_KEYS.number)?.value) ?? key : key;
			if (number?.toUpperCase() !== globalNumber.toUpperCase()) continue;
			const value = isObject(item) ? field(item, IO_KEYS.state)?.value : item;
			if (value !== undefined && onOff(value) === undefined) return typeof value === 'string' ? value : JSON.stringify(value);
		}
	}
	return undefined;
}
