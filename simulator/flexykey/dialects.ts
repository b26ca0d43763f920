/**
 * FlexyKey's inferred response shapes in dialects `b` and `minimal` (see core/dialect.ts and
 * docs/simulator.md). Left out on purpose, because the doc fixes them: the IO objects of a unit
 * (`{localNumber, globalNumber, description}`), `POST /Control`, and the top-level fields of `GET /Control` and the `control.statusChanged` payload
 * (only their IO items, which the doc never shows, change).
 * `b` follows the doc's own naming habits (`…Iso`, `raw…`, `is…`, camelCase) and adds the
 * `data`/`items` wrappers an ASP.NET API often has; `minimal` keeps only what a reader cannot do without.
 */
import { constantName, enumName, noBody, omit, pick, rename, shape, withoutNulls } from '../core/dialect';
import type { UnitInfoProfile, UnitInfoType, SettingDefinition } from './catalog';
import type { ControlStatus, IoStateItem } from './status';
import type { Unit } from './types';

type Row = Record<string, unknown>;

/** Created/updated timestamps as `…TimestampIso`, like the doc's `statusTimestampIso`. */
const TIMESTAMPS_B = { createdIso: 'createdTimestampIso', updatedIso: 'updatedTimestampIso' };
const TIMESTAMPS = ['createdIso', 'updatedIso'];

/*
 * Inferred state words (sync and unit-info command states): `b` writes them as an ASP.NET API
 * serialises its enums (`NoChanges`), `minimal` as constants (`NO_CHANGES`), `a` as camelCase words.
 */

/** An `{ status: "OK", <name>: row }` envelope around a single row. */
const wrapped = (name: string, row: Row) => ({ status: 'OK', [name]: row });

// ---- Errors -----------------------------------------------------------------------------------------

// b: ASP.NET problem details; minimal: the message alone
export const errorBody = shape<{ status: number; message: string }>({
	b: (error) => ({ type: 'about:blank', title: reasonPhrase(error.status), status: error.status, detail: error.message }),
	minimal: (error) => ({ message: error.message }),
});

function reasonPhrase(status: number): string {
	const phrases: Record<number, string> = {
		400: 'Bad Request',
		401: 'Unauthorized',
		403: 'Forbidden',
		404: 'Not Found',
		405: 'Method Not Allowed',
		409: 'Conflict',
		429: 'Too Many Requests',
	};
	return phrases[status] ?? 'Error';
}

// ---- Units ------------------------------------------------------------------------------------------------

// b: name and type in other words, the main board's IO one level down; the IO objects themselves as they are
const unitB = ({ unitId, serialNumber, name, unitType, outputs, inputs, ...rest }: Unit) => ({
	unitId,
	serialNumber,
	unitName: name,
	unitModel: unitType,
	mainBoard: { outputs, inputs },
	...rest,
});
// minimal: without the collections the doc says a unit "may also include", and without the inferred type
const unitMinimal = (unit: Unit) => omit(unit, ['sensors', 'counters', 'unitType']);

export const units = shape<Unit[]>({ b: (list) => ({ units: list.map(unitB) }), minimal: (list) => list.map(unitMinimal) });

export const unit = shape<Unit>({ b: (row) => wrapped('unit', unitB(row)), minimal: unitMinimal });

// ---- Control status ---------------------------------------------------------------------------------------

// b: each IO item as a flag, named like the doc's own `isCached`/`isActive`
const ioFlag = (item: IoStateItem) => ({ globalNumber: item.globalNumber, isOn: item.state === 'ON' });

/**
 * `GET /Control` and the `control.statusChanged` payload: the documented top-level fields in every
 * dialect; `minimal` is `a`, since an item is only its name and state and the doc lists every top-level key.
 */
export const controlStatus = shape<ControlStatus>({
	b: (status) => ({
		...status,
		inputs: status.inputs.map(ioFlag),
		fOutputs: status.fOutputs.map(ioFlag),
		xOutputs: status.xOutputs.map(ioFlag),
		xInputs: status.xInputs.map(ioFlag),
	}),
	minimal: (status) => status,
});

// ---- Unit information ---------------------------------------------------------------------------------

export const unitInfoCatalog = shape<{ types: UnitInfoType[]; profiles: readonly UnitInfoProfile[] }>({
	b: ({ types, profiles }) => ({
		data: {
			commandTypes: types.map((type) =>
				rename(type, { enabled: 'isEnabled', visible: 'isVisible', multipleResponses: 'hasMultipleResponses' }),
			),
			commandProfiles: profiles.map((profile) => rename(profile, { profile: 'profileName', typeNames: 'commandTypes' })),
		},
	}),
	minimal: ({ types, profiles }) => ({
		types: types.map((type) => pick(type, ['typeName'])),
		profiles: profiles.map((profile) => pick(profile, ['profile', 'typeNames'])),
	}),
});

interface UnitInfoAnswer extends Row {
	results: Row[];
}

export const unitInfoRequest = shape<UnitInfoAnswer>({
	b: (answer) => ({
		status: answer.status,
		data: {
			unitId: answer.unitId,
			serialNumber: answer.serialNumber,
			request: pick(answer, ['typeName', 'profile']),
			commands: answer.results.map((result) => rename({ ...result, status: enumName(result.status) }, { status: 'commandStatus', message: 'statusMessage' })),
		},
	}),
	minimal: (answer) => ({ status: answer.status, results: answer.results.map((result) => withoutNulls(pick({ ...result, status: constantName(result.status) }, ['typeName', 'status', 'messageId']))) }),
});

export const unitMessages = shape<{ unitId: number; rows: Row[] }>({
	a: ({ rows }) => rows,
	b: ({ unitId, rows }) => ({
		unitId,
		count: rows.length,
		messages: rows.map((row) => rename(row, { messageId: 'id', message: 'rawMessage' })),
	}),
	// `timestamp` and `timestampIso` are named by the doc
	minimal: ({ rows }) => rows.map((row) => pick(row, ['messageId', 'typeName', 'message', 'timestamp', 'timestampIso'])),
});

// ---- ID entries -----------------------------------------------------------------------------------------

const entryB = (entry: Row) => rename(entry, TIMESTAMPS_B);
const entryMinimal = (entry: Row) => withoutNulls(omit(entry, TIMESTAMPS));

export const idEntryPage = shape<{ unitId: number; total: number; limit: number; offset: number; items: Row[] }>({
	b: (page) => ({
		data: { unitId: page.unitId, idEntries: page.items.map(entryB) },
		paging: { totalCount: page.total, limit: page.limit, offset: page.offset },
	}),
	minimal: (page) => ({ items: page.items.map(entryMinimal) }),
});

export const idEntry = shape<Row>({ b: (entry) => wrapped('idEntry', entryB(entry)), minimal: entryMinimal });

// ---- Settings -------------------------------------------------------------------------------------------

export const settingDefinitions = shape<readonly SettingDefinition[]>({
	b: (definitions) => ({
		settings: definitions.map((definition) => ({
			...rename(omit(definition, ['params']), {
				setting: 'name',
				type: 'dataType',
				min: 'minValue',
				max: 'maxValue',
				allowedValues: 'validValues',
				sensitive: 'isSensitive',
			}),
			parameter: definition.params && rename(definition.params, { required: 'isRequired', allowedValues: 'validValues' }),
		})),
	}),
	minimal: (definitions) =>
		definitions.map((definition) => ({
			...pick(definition, ['setting', 'type', 'min', 'max', 'minLength', 'maxLength', 'allowedValues']),
			...(definition.params ? { params: pick(definition.params, ['name', 'required', 'allowedValues']) } : {}),
		})),
});

const settingB = (row: Row) => rename(omit(row, ['unitId']), { updatedIso: 'updatedTimestampIso' });
const settingMinimal = (row: Row) => withoutNulls(pick(row, ['setting', 'params', 'value']));

export const settingRows = shape<{ unitId: number; rows: Row[] }>({
	a: ({ rows }) => rows,
	b: ({ unitId, rows }) => ({ unitId, settings: rows.map(settingB) }),
	minimal: ({ rows }) => rows.map(settingMinimal),
});

export const settingRow = shape<Row>({ b: (row) => wrapped('unitSetting', { unitId: row.unitId, ...settingB(row) }), minimal: settingMinimal });

// ---- Sync and tools ---------------------------------------------------------------------------------------

export const syncPush = shape<Row>({
	b: (push) => ({
		status: 'OK',
		data: {
			syncId: push.syncId,
			unitId: push.unitId,
			state: enumName(push.status),
			counts: { idEntries: push.idEntries, settings: push.settings, packets: push.packets },
			message: push.message,
		},
	}),
	minimal: (push) => withoutNulls(pick({ ...push, status: constantName(push.status) }, ['status', 'syncId'])),
});

export const syncStatus = shape<Row>({
	b: (status) => ({
		unitId: status.unitId,
		message: status.message,
		sync: {
			syncId: status.syncId,
			state: enumName(status.status),
			isActive: status.active,
			statusText: status.resultMessage,
			progress: pick(status, ['percent', 'packetsTotal', 'packetsSent', 'packetsPending']),
			counts: pick(status, ['idEntries', 'settings']),
			startedIso: status.startedIso,
			endedIso: status.endedIso,
		},
		statusTimestampIso: status.statusTimestampIso,
		isCached: status.isCached,
	}),
	// the doc names `message` ("No active unit programming")
	minimal: (status) => withoutNulls(pick({ ...status, status: constantName(status.status) }, ['syncId', 'status', 'message'])),
});

export const syncAbort = shape<Row>({
	b: (abort) => ({ status: 'OK', data: rename({ ...abort, status: enumName(abort.status) }, { status: 'state' }) }),
	minimal: (abort) => pick(abort, ['status']),
});

export const toolResult = shape<Row>({
	b: (result) => ({ ...pick(result, ['status', 'unitId', 'unitSyncState']), affected: pick(result, ['idEntries', 'settings']) }),
	minimal: (result) => pick(result, ['status']),
});

// ---- Webhooks -------------------------------------------------------------------------------------------

export const webhookEvents = shape<string[]>({ b: (events) => ({ events }), minimal: (events) => events });

const webhookB = (view: Row) => rename(view, { webhookId: 'id', ...TIMESTAMPS_B });
const webhookMinimal = (view: Row) => pick(view, ['webhookId', 'unitId', 'event', 'callbackUrl', 'httpMethod', 'isActive']);

/** b answers a request filtered by event with the one webhook object (or 404), not a list. */
export const webhookList = shape<{ event: string | undefined; views: Row[] }>({
	a: ({ views }) => views,
	b: ({ event, views }) => (event === undefined ? { webhooks: views.map(webhookB) } : views.map(webhookB)[0]),
	minimal: ({ views }) => views.map(webhookMinimal),
});

export const webhook = shape<Row>({ b: (view) => wrapped('webhook', webhookB(view)), minimal: webhookMinimal });

export const webhookTest = shape<Row>({
	b: (test) => ({
		status: test.status,
		data: rename(omit(test, ['status']), { responseStatusCode: 'receiverStatusCode', error: 'errorMessage' }),
	}),
	minimal: (test) => pick(test, ['status', 'success']),
});

// ---- Logs and bookings -------------------------------------------------------------------------------------

export const logRows = shape<Row[]>({
	b: (rows) => ({ logs: rows.map((row) => rename(row, { logId: 'id', eventType: 'logType', message: 'text' })) }),
	minimal: (rows) => rows.map((row) => withoutNulls(pick(row, ['logId', 'timestampIso', 'eventType', 'message', 'idNumber', 'outputNumber']))),
});

export const bookingObjects = shape<Row[]>({
	b: (rows) => ({ data: { bookingObjects: rows.map((row) => rename(row, { name: 'objectName' })) } }),
	minimal: (rows) => rows.map((row) => pick(row, ['bookingObjectId', 'name'])),
});

const bookingB = (booking: Row) => rename(booking, TIMESTAMPS_B);
const bookingMinimal = (booking: Row) => withoutNulls(omit(booking, TIMESTAMPS));

export const bookingRows = shape<Row[]>({ b: (rows) => ({ bookings: rows.map(bookingB) }), minimal: (rows) => rows.map(bookingMinimal) });

export const booking = shape<Row>({ b: (row) => wrapped('booking', bookingB(row)), minimal: bookingMinimal });

// inferred: 204 No Content, as DELETE /Webhooks; b confirms with a body
export const bookingDeleted = shape<{ bookingId: number }>({ a: noBody, b: ({ bookingId }) => ({ status: 'OK', message: `Booking ${bookingId} deleted` }), minimal: noBody });
