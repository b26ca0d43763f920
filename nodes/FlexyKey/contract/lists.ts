/**
 * FlexyKey list answers whose rows are output as the API gave them (`GET /Units`, `/Logs`,
 * `/Webhooks`, …), and the service name every reader reports under.
 *
 * FlexyKey answers whose shape the vendor doc does not show (its response examples are missing) are read by
 * the files of this folder, one per resource. Strict readings are the shapes this package was written
 * against (API-NOTES B); the variants are other plausible spellings in the doc's own naming style.
 * Documented names (IO objects, `POST /Control`, the status payload's fields) are read strictly.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { expectReading, field, findList, isObject, matched, type Reading, rowsOf, STRICT } from '../../shared/contract';

export const SERVICE = 'FlexyKey';

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
