/**
 * FlexyKey answers whose shape the vendor doc does not show (its response examples are missing):
 * every node read of them goes through these readers. Strict readings are the shapes this package
 * was written against (API-NOTES B); the variants are other plausible spellings in the doc's own
 * naming style. Documented names (IO objects, `POST /Control`, the status payload's fields) are
 * read strictly. See docs/vendor-contract.md.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, INode } from 'n8n-workflow';
import type { RowKey } from '../shared/cursor';
import {
	booleanOf,
	expectReading,
	field,
	fieldValue,
	findList,
	findObject,
	isObject,
	joinVariants,
	matched,
	mismatch,
	normaliseKey,
	numberOf,
	rowsOf,
	STRICT,
	textOf,
	textsOf,
	type Reading,
	type Variant,
} from '../shared/contract';

export const SERVICE = 'FlexyKey';

// --- lists whose rows are output as the API gave them -------------------------------------------

/** The list readers of plain row lists, by endpoint. Strict: a bare array. */
const LISTS = {
	// inferred: GET /Units answers a bare array of units
	units: { synonyms: ['units'], identify: ['unitId', 'serialNumber'] },
	// inferred: GET /UnitMessages answers a bare array, newest first
	unitMessages: { synonyms: ['messages', 'unitMessages'], identify: ['typeName', 'messageId', 'timestampIso'] },
	// inferred: GET /UnitSettings/Definitions answers a bare array of definitions
	settingDefinitions: { synonyms: ['definitions', 'settingDefinitions', 'settings'], identify: ['setting', 'settingName', 'name', 'key'] },
	// inferred: GET /UnitSettings answers a bare array of setting rows
	settings: { synonyms: ['settings', 'unitSettings'], identify: ['setting', 'settingName', 'name', 'key'] },
	// inferred: GET /Bookings answers a bare array of bookings
	bookings: { synonyms: ['bookings'], identify: ['bookingId', 'id'] },
	// inferred: GET /BookingObjects answers a bare array
	bookingObjects: { synonyms: ['bookingObjects', 'objects'], identify: ['bookingObjectId', 'objectId', 'id'] },
	// inferred: GET /Logs answers a bare array of log rows
	logs: { synonyms: ['logs', 'logRows', 'entries', 'events'], identify: ['timestampIso', 'timestamp', 'logId', 'id', 'event', 'message'] },
	// inferred: GET /Webhooks answers a bare array of configurations (one object when `event` is given)
	webhooks: { synonyms: ['webhooks', 'configurations'], identify: ['event', 'callbackUrl', 'webhookId'] },
	// inferred: GET /Webhooks/Events answers a bare array of event names
	webhookEvents: { synonyms: ['events', 'eventTypes', 'supportedEvents'], identify: ['event', 'name', 'eventType'], texts: true },
} as const;

export type ListName = keyof typeof LISTS;

export const LIST_ENDPOINTS: Record<ListName, string> = {
	units: 'GET /Units',
	unitMessages: 'GET /UnitMessages',
	settingDefinitions: 'GET /UnitSettings/Definitions',
	settings: 'GET /UnitSettings',
	bookings: 'GET /Bookings',
	bookingObjects: 'GET /BookingObjects',
	logs: 'GET /Logs',
	webhooks: 'GET /Webhooks',
	webhookEvents: 'GET /Webhooks/Events',
};

/** The rows of a list answer (texts become `{ [textKey]: text }`). */
export function readList(name: ListName, body: unknown, textKey = 'value'): Reading<IDataObject[]> {
	if (body === undefined || body === null || body === '') return matched([], 'an empty answer');
	// A single configuration is the strict answer of GET /Webhooks?event=…
	if (name === 'webhooks' && isObject(body) && field(body, LISTS.webhooks.identify)?.variant === STRICT) return matched([body]);
	const reading = findList(body, LISTS[name]);
	return reading.ok ? matched(rowsOf(reading.value, textKey), reading.variant) : reading;
}

/** The rows of a list answer, or a loud error naming the endpoint and what the answer looked like. */
export function listRows(node: INode, name: ListName, body: unknown, itemIndex?: number, textKey?: string): IDataObject[] {
	return expectReading(node, SERVICE, LIST_ENDPOINTS[name], readList(name, body, textKey), itemIndex);
}

// --- units ---------------------------------------------------------------------------------------

export interface UnitFields {
	unitId?: string;
	serialNumber?: string;
	name?: string;
	unitType?: string;
}

/** The fields the node uses of a unit row (the doc names `unitId` and `serialNumber`). */
export function unitFields(unit: IDataObject): UnitFields {
	return {
		unitId: textOf(fieldValue(unit, ['unitId', 'id'])),
		// documented as a digit string that may start with 0: never read as a number
		serialNumber: textOf(fieldValue(unit, ['serialNumber', 'serial', 'serialNo'])),
		name: textOf(fieldValue(unit, ['name', 'unitName', 'displayName'])),
		// inferred: `unitType` (e.g. FlexyKey, EvvaAirKey)
		unitType: textOf(fieldValue(unit, ['unitType', 'type', 'model', 'unitModel'])),
	};
}

/** `GET /Units/{unitId}`: one unit (inferred: the unit object itself). */
export function readUnit(body: unknown): Reading<IDataObject> {
	return findObject(body, ['unitId', 'serialNumber']);
}

// --- unit info -----------------------------------------------------------------------------------

export interface CommandType {
	typeName: string;
	description?: string;
}

export interface Profile {
	profile: string;
	typeNames: string[];
	description?: string;
}

const TYPE_LIST = {
	at: 'types',
	synonyms: ['commandTypes', 'commands', 'typeNames', 'checkTypes', 'unitInfoTypes', 'catalog'],
	identify: ['typeName', 'commandType', 'command', 'type', 'name', 'code'],
	texts: true,
} as const;

const PROFILE_LIST = {
	at: 'profiles',
	synonyms: ['profileNames', 'commandProfiles', 'presets'],
	identify: ['profile', 'profileName', 'name'],
	texts: true,
} as const;

const DESCRIPTION = ['description', 'label', 'title', 'text'];

/** `GET /RequestUnitInfoTypes` → command types (inferred: `{ types: [{ typeName, description }], profiles: [...] }`). */
export function readUnitInfoTypes(body: unknown): Reading<CommandType[]> {
	const list = findList(body, TYPE_LIST);
	if (!list.ok) return list;
	const types = list.value.flatMap((entry): CommandType[] => {
		const typeName = textOf(entry) ?? textOf(fieldValue(entry, TYPE_LIST.identify));
		return typeName ? [{ typeName, description: isObject(entry) ? textOf(fieldValue(entry, DESCRIPTION)) : undefined }] : [];
	});
	const fieldVariant = list.value.find(isObject) ? field(list.value.find(isObject), TYPE_LIST.identify)?.variant : undefined;
	return matched(types, joinVariants([list.variant, fieldVariant]));
}

/** `GET /RequestUnitInfoTypes` → profiles (inferred: `profiles: [{ profile, typeNames, description }]`). */
export function readUnitInfoProfiles(body: unknown): Reading<Profile[]> {
	const types = findList(body, TYPE_LIST);
	const list = findList(body, { ...PROFILE_LIST, exclude: types.ok ? [types.value] : [] });
	if (!list.ok) return list;
	const profiles = list.value.flatMap((entry): Profile[] => {
		const profile = textOf(entry) ?? textOf(fieldValue(entry, PROFILE_LIST.identify));
		if (!profile) return [];
		const typeNames = isObject(entry) ? (textsOf(fieldValue(entry, ['typeNames', 'commands', 'types', 'commandTypes', 'typeName']), TYPE_LIST.identify) ?? []) : [];
		return [{ profile, typeNames, description: isObject(entry) ? textOf(fieldValue(entry, DESCRIPTION)) : undefined }];
	});
	return matched(profiles, list.variant);
}

export type ResultStatus = 'queued' | 'cached' | 'rateLimited';

/** `POST /RequestUnitInfo` → what happened to each command (inferred: `results: [{ typeName, status }]`). */
export function readRequestResults(body: unknown): Reading<Array<{ typeName: string; status: ResultStatus }>> {
	const list = findList(body, { at: 'results', synonyms: ['commands', 'queued', 'commandResults'], identify: ['typeName', 'commandType', 'command', 'type'] });
	if (!list.ok) return list;
	const results = list.value.flatMap((entry) => {
		const typeName = textOf(fieldValue(entry, ['typeName', 'commandType', 'command', 'type']));
		return typeName ? [{ typeName, status: resultStatus(fieldValue(entry, ['status', 'state', 'result', 'resultStatus', 'commandStatus'])) }] : [];
	});
	return matched(results, list.variant);
}

// inferred: result status words; anything that is not clearly cached or rate limited counts as queued
function resultStatus(status: unknown): ResultStatus {
	const text = normaliseKey(String(status ?? ''));
	if (text.includes('cache')) return 'cached';
	if (text.includes('rate') || text.includes('limit') || text.includes('throttl')) return 'rateLimited';
	return 'queued';
}

export interface MessageFields {
	typeName?: string;
	/** UTC ISO time (documented: `timestampIso`; `timestamp` is local database time, so never used). */
	timestampIso?: string;
	id?: string;
	text?: string;
}

/** The fields the wait for an answer reads from a `GET /UnitMessages` row. */
export function messageFields(row: IDataObject): MessageFields {
	return {
		typeName: textOf(fieldValue(row, ['typeName', 'commandType', 'type', 'command'])),
		timestampIso: textOf(fieldValue(row, ['timestampIso', 'timestampUtc', 'timeIso', 'receivedAtIso', 'createdAtIso'])),
		id: textOf(fieldValue(row, ['messageId', 'id'])),
		text: textOf(fieldValue(row, ['message', 'text', 'response', 'raw'])),
	};
}

// --- settings ------------------------------------------------------------------------------------

export interface ParamsRule {
	required: boolean;
	allowedValues: string[];
	label: string;
}

export interface SettingRules {
	setting: string;
	description?: string;
	integer: boolean;
	numeric: boolean;
	min?: number;
	max?: number;
	allowedValues?: string[];
	minLength?: number;
	maxLength?: number;
	sensitive: boolean;
	/** `undefined`: the definition says nothing about params; `null`: it takes none. */
	params?: ParamsRule | null;
	/** Keys of the definition this reader could not place: rules it may be missing. */
	unreadKeys: string[];
	variant: Variant;
}

const RULE_KEYS = {
	setting: ['setting', 'settingName', 'name', 'key'],
	type: ['type', 'valueType', 'dataType', 'kind'],
	min: ['min', 'minValue', 'minimum'],
	max: ['max', 'maxValue', 'maximum'],
	allowedValues: ['allowedValues', 'validValues', 'values', 'options', 'enum', 'choices', 'allowed', 'possibleValues', 'permittedValues', 'acceptedValues'],
	minLength: ['minLength', 'minLen'],
	maxLength: ['maxLength', 'maxLen'],
	sensitive: ['sensitive', 'secret', 'isSecret', 'isSensitive', 'masked', 'password'],
	params: ['params', 'param', 'parameter', 'parameters'],
} as const;

/** Definition keys that carry no rule. */
const NON_RULE_KEYS = ['description', 'label', 'title', 'displayName', 'category', 'group', 'default', 'defaultValue', 'example', 'unit', 'id', 'approved', 'visible', 'enabled', 'note', 'notes', 'help'];
/** Keys a definition may nest its rules under (one level). */
const RULE_ENVELOPES = ['rules', 'validation', 'constraints', 'input', 'inputRules', 'rule'];

const INTEGER_TYPES = new Set(['integer', 'int', 'int32', 'int64', 'long', 'wholenumber']);
const NUMBER_TYPES = new Set(['number', 'numeric', 'decimal', 'float', 'double']);

/**
 * A setting definition's input rules (inferred: `{ setting, description, type, min, max,
 * allowedValues, minLength, maxLength, sensitive, params: { name, required, allowedValues } | null }`).
 */
export function readSettingRules(definition: IDataObject): SettingRules | undefined {
	const name = field(definition, RULE_KEYS.setting);
	const setting = textOf(name?.value);
	if (!setting) return undefined;
	const nested = RULE_ENVELOPES.map((key) => field(definition, [key])).find((hit) => isObject(hit?.value));
	const source: IDataObject = nested ? { ...(nested.value as IDataObject), ...definition } : definition;
	const variants: Array<Variant | undefined> = [name?.variant, nested ? `rules under ${nested.key}` : undefined];
	const used = new Set<string>([name!.key, ...(nested ? [nested.key] : [])]);
	const take = (names: readonly string[]) => {
		const hit = field(source, names);
		if (hit) {
			used.add(hit.key);
			variants.push(hit.variant);
		}
		return hit?.value;
	};
	const type = normaliseKey(String(take(RULE_KEYS.type) ?? ''));
	const allowed = take(RULE_KEYS.allowedValues);
	const rules: SettingRules = {
		setting,
		description: textOf(fieldValue(definition, ['description', 'label', 'title'])),
		integer: INTEGER_TYPES.has(type),
		numeric: NUMBER_TYPES.has(type),
		min: numberOf(take(RULE_KEYS.min)),
		max: numberOf(take(RULE_KEYS.max)),
		allowedValues: textsOf(allowed, ['value', 'name', 'id']),
		minLength: numberOf(take(RULE_KEYS.minLength)),
		maxLength: numberOf(take(RULE_KEYS.maxLength)),
		sensitive: booleanOf(take(RULE_KEYS.sensitive)) === true,
		params: paramsRule(source, used, variants),
		unreadKeys: [],
		variant: STRICT,
	};
	const known = new Set([...NON_RULE_KEYS].map(normaliseKey));
	rules.unreadKeys = Object.keys(source).filter((key) => !used.has(key) && !known.has(normaliseKey(key)) && source[key] !== null && source[key] !== undefined);
	rules.variant = joinVariants(variants);
	return rules;
}

/**
 * Every definition of a `GET /UnitSettings/Definitions` list. inferred: in a list where some
 * definitions describe their params, one that leaves the key out takes none (a server that omits
 * null fields instead of sending `params: null`); when none of them mentions params, nothing is known.
 */
export function readSettingDefinitions(rows: IDataObject[]): SettingRules[] {
	const definitions = rows.map(readSettingRules).filter((rules): rules is SettingRules => rules !== undefined);
	if (!definitions.some((rules) => rules.params !== undefined)) return definitions;
	return definitions.map((rules) =>
		rules.params === undefined ? { ...rules, params: null, variant: joinVariants([rules.variant, 'params left out for none']) } : rules,
	);
}

function paramsRule(source: IDataObject, used: Set<string>, variants: Array<Variant | undefined>): ParamsRule | null | undefined {
	const keys = Object.keys(source).filter((key) => RULE_KEYS.params.some((name) => normaliseKey(name) === normaliseKey(key)));
	// inferred: a definition also states whether the setting takes params with a flag such as `hasParams`
	const flag = field(source, ['hasParams', 'paramsRequired', 'requiresParams']);
	if (flag) used.add(flag.key);
	if (keys.length === 0) {
		if (flag && booleanOf(flag.value) === false) return null;
		if (flag && booleanOf(flag.value) === true) return { required: true, allowedValues: [], label: 'params' };
		return undefined;
	}
	const key = keys[0];
	used.add(key);
	if (key !== 'params') variants.push(`${key} for params`);
	const value = source[key];
	if (value === null || value === false) return null;
	if (Array.isArray(value)) return { required: true, allowedValues: textsOf(value, ['value', 'name']) ?? [], label: 'params' };
	if (typeof value === 'string') return { required: true, allowedValues: [], label: value };
	if (value === true) return { required: true, allowedValues: [], label: 'params' };
	if (!isObject(value)) return undefined;
	return {
		required: booleanOf(fieldValue(value, ['required', 'isRequired', 'mandatory'])) === true,
		allowedValues: textsOf(fieldValue(value, RULE_KEYS.allowedValues), ['value', 'name']) ?? [],
		label: textOf(fieldValue(value, ['name', 'label', 'description'])) ?? 'params',
	};
}

// --- sync ----------------------------------------------------------------------------------------

export interface SyncStatus {
	/** The status word, lowercased without punctuation (`inprogress`, `completed`, …); '' if none. */
	state: string;
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

/** Status words a server may use for "running", normalised. */
const RUNNING = new Set(['queued', 'running', 'active', 'inprogress', 'pending', 'started', 'sending', 'processing', 'syncing']);

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
			state: normaliseKey(statusText ?? ''),
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

/** Status words (normalised) that say no sync exists, rather than how one went. */
const NO_SYNC = new Set(['idle', 'none', 'nosync', 'noactivesync', NO_ACTIVE_SYNC]);

/** Whether a status describes no sync at all (`idle`), rather than a running or finished one. */
export function describesNoSync(status: SyncStatus): boolean {
	return status.active !== true && NO_SYNC.has(status.state);
}

/** Whether a status says a sync is running: its active flag, else its status word. */
export function syncRunning(status: SyncStatus): boolean {
	if (status.active !== undefined) return status.active;
	return RUNNING.has(status.state);
}

// --- ID entries ----------------------------------------------------------------------------------

export interface EntryPage {
	rows: IDataObject[];
	total?: number;
	limit?: number;
}

/** One `GET /UnitIdEntries` page (inferred: `{ total, limit, offset, items }`, or a bare array). */
export function readEntryPage(body: unknown): Reading<EntryPage> {
	if (Array.isArray(body)) return matched({ rows: rowsOf(body) });
	const list = findList(body, { at: 'items', synonyms: ['entries', 'idEntries', 'unitIdEntries', 'rows'], identify: ['idNumber', 'id'] });
	if (!list.ok) return list;
	// Paging numbers sit next to the list, or in a `paging`/`pagination`/`meta` object.
	const holders = [body, ...['paging', 'pagination', 'meta', 'page'].map((key) => fieldValue(body, [key])), fieldValue(body, ['data'])].filter(isObject);
	const number = (names: string[]) => holders.map((holder) => numberOf(fieldValue(holder, names))).find((value) => value !== undefined);
	return matched(
		{ rows: rowsOf(list.value), total: number(['total', 'totalCount', 'count', 'totalItems', 'totalRows']), limit: number(['limit', 'pageSize', 'take']) },
		list.variant,
	);
}

/**
 * The entry a create or update answered with (inferred: the entry itself; also accepted one level
 * down, e.g. `{ status, idEntry: { … } }`). An answer without one is passed on as it came.
 */
export function readEntry(body: unknown): Reading<IDataObject> {
	return findObject(body, ['idNumber', 'id']);
}

export interface EntryFields {
	id?: string;
	idNumber?: string;
	unitSyncState?: string;
}

export function entryFields(row: IDataObject): EntryFields {
	return {
		id: textOf(fieldValue(row, ['id', 'idEntryId', 'entryId'])),
		idNumber: textOf(fieldValue(row, ['idNumber', 'number'])),
		// inferred: each row carries its `unitSyncState` (synced, changed, deleted)
		unitSyncState: textOf(fieldValue(row, ['unitSyncState', 'syncState', 'state'])),
	};
}

// --- bookings ------------------------------------------------------------------------------------

/**
 * The booking a `GET`, `POST` or `PUT /Bookings…` answered with (inferred: the booking itself; also
 * accepted one level down, e.g. `{ status, booking: { … } }`, in an envelope, or a one-row list).
 */
export function readBooking(body: unknown): Reading<IDataObject> {
	return findObject(body, ['bookingId']);
}

export interface BookingObjectFields {
	bookingObjectId?: string;
	name?: string;
	description?: string;
}

export function bookingObjectFields(row: IDataObject): BookingObjectFields {
	return {
		bookingObjectId: textOf(fieldValue(row, ['bookingObjectId', 'objectId', 'id'])),
		name: textOf(fieldValue(row, ['name', 'objectName', 'bookingObjectName', 'title', 'displayName'])),
		description: textOf(fieldValue(row, ['description'])),
	};
}

/**
 * The setting row a `PUT /UnitSettings` answered with (inferred: the row itself; also accepted one
 * level down, e.g. `{ status, unitSetting: { … } }`, in an envelope, or a one-row list).
 */
export function readSettingRow(body: unknown): Reading<IDataObject> {
	return findObject(body, ['setting', 'settingName']);
}

// --- webhooks ------------------------------------------------------------------------------------

/** One webhook configuration as the trigger reads it (inferred: secrets are write-only, reads say whether they are set). */
export interface WebhookSlot {
	webhookId?: string;
	event?: string;
	callbackUrl?: string;
	hasSecret?: boolean;
	hasApiKey?: boolean;
	/** Documented as 1 or 0 on `PUT /Webhooks`. */
	isActive?: boolean;
	/** When the configuration was last written: a change means someone re-PUT it. */
	updatedIso?: string;
}

const SLOT_KEYS = {
	webhookId: ['webhookId', 'id', 'webhookConfigId', 'configId'],
	event: ['event', 'eventType', 'eventName'],
	callbackUrl: ['callbackUrl', 'url', 'callback', 'targetUrl'],
	hasSecret: ['hasSecret', 'secretSet', 'isSecretSet', 'secretConfigured'],
	hasApiKey: ['hasApiKey', 'apiKeySet', 'isApiKeySet', 'apiKeyConfigured'],
	isActive: ['isActive', 'active', 'enabled', 'isEnabled'],
	updatedIso: ['updatedIso', 'updatedTimestampIso', 'updatedAtIso', 'updatedUtc', 'updatedAt', 'modifiedIso', 'lastModifiedIso', 'lastUpdatedIso'],
} as const;

/**
 * The fields the trigger uses of a `GET /Webhooks` row or `PUT /Webhooks` answer (inferred:
 * `{ webhookId, unitId, event, callbackUrl, httpMethod, hasSecret, hasApiKey, isActive, createdIso,
 * updatedIso }`); absent fields stay undefined (the caller then cannot use them, and says so).
 */
export function webhookSlotFields(row: IDataObject): WebhookSlot {
	const text = (names: readonly string[]) => textOf(fieldValue(row, names));
	const flag = (names: readonly string[]) => booleanOf(fieldValue(row, names));
	return {
		webhookId: text(SLOT_KEYS.webhookId),
		event: text(SLOT_KEYS.event),
		callbackUrl: text(SLOT_KEYS.callbackUrl),
		hasSecret: flag(SLOT_KEYS.hasSecret),
		hasApiKey: flag(SLOT_KEYS.hasApiKey),
		isActive: flag(SLOT_KEYS.isActive),
		updatedIso: text(SLOT_KEYS.updatedIso),
	};
}

/**
 * `PUT /Webhooks` (inferred: the configuration itself): also one level down (`{ status: "OK",
 * webhook: { … } }`) or in an envelope.
 */
export function readWebhook(body: unknown): Reading<IDataObject> {
	return findObject(body, ['webhookId', 'callbackUrl', 'event', 'id']);
}

/** A webhook event name from a `GET /Webhooks/Events` row. */
export const eventName = (row: IDataObject): string | undefined => textOf(fieldValue(row, ['event', 'name', 'eventType', 'value']));

// --- control status (GET /Control, the control.statusChanged payload) ----------------------------

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

/** `ON`/`OFF` in any case, else whatever the shared `booleanOf` reads as a flag. */
function onOff(value: unknown): OnOff | undefined {
	const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (text === 'ON' || text === 'OFF') return text;
	const flag = booleanOf(value);
	return flag === undefined ? undefined : flag ? 'ON' : 'OFF';
}

// --- logs ----------------------------------------------------------------------------------------

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
