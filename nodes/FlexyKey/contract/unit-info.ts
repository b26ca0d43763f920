/**
 * FlexyKey unit information: the command catalog (`GET /RequestUnitInfoTypes`), what `POST
 * /RequestUnitInfo` did with each command (its result status words), and `GET /UnitMessages` rows.
 */
import type { IDataObject } from 'n8n-workflow';
import { field, fieldValue, findList, isObject, joinVariants, matched, type Reading, textOf, textsOf } from '../../shared/contract';
import { stateReader } from '../../shared/state-words';

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

export type ResultStatus = 'queued' | 'cached' | 'rateLimited' | 'failed';

/**
 * inferred: command result status words. The doc says a command skipped "because of cache or rate
 * limiting" says so in its result status instead of being queued; it names no words and no order,
 * so no numeric codes. `failed` covers a command the API refused (an unknown or disabled command).
 */
export const RESULT_STATES = stateReader<ResultStatus>({
	subject: 'unit-info command result status',
	words: {
		queued: ['queue', 'queuedForUnit', 'accepted', 'pending', 'waiting', 'sent', 'created', 'ok', 'success'],
		cached: ['cache', 'fromCache', 'cacheHit', 'skippedCached', 'skippedCache', 'skippedByCache', 'skipped_cache'],
		rateLimited: ['rateLimit', 'limited', 'throttled', 'skippedRateLimit', 'skippedRateLimited', 'skippedByRateLimit', 'tooManyRequests'],
		failed: ['failure', 'error', 'errored', 'rejected', 'refused', 'denied', 'invalid'],
	},
});

export interface RequestResult {
	typeName: string;
	/** What the API did about the command; `unknown` for a word the node does not know (named by `statusText`). */
	status: ResultStatus | 'unknown';
	/** The status as the API wrote it ('' when the row gave none). */
	statusText: string;
}

/** `POST /RequestUnitInfo` → what happened to each command (inferred: `results: [{ typeName, status }]`). */
export function readRequestResults(body: unknown): Reading<RequestResult[]> {
	const list = findList(body, { at: 'results', synonyms: ['commands', 'queued', 'commandResults'], identify: ['typeName', 'commandType', 'command', 'type'] });
	if (!list.ok) return list;
	const results = list.value.flatMap((entry): RequestResult[] => {
		const typeName = textOf(fieldValue(entry, ['typeName', 'commandType', 'command', 'type']));
		if (!typeName) return [];
		const word = RESULT_STATES.read(fieldValue(entry, ['status', 'state', 'result', 'resultStatus', 'commandStatus']));
		// inferred: a result row without a status word was queued (the request was accepted)
		return [{ typeName, status: word.state === 'none' ? 'queued' : word.state, statusText: word.raw }];
	});
	return matched(results, list.variant);
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
