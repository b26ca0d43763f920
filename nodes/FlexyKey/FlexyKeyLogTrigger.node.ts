import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { cursorAt, pollSources, sinceCursor, type TimeCursor } from '../shared/cursor';
import { seenFrom, seenFromCursor, sinceSeen, type SeenRows } from '../shared/look-back';
import { evvaUnitBehind } from './logs';
import { expectReading } from '../shared/contract';
import { optionsCollection } from '../shared/display';
import { idlessLogKey, LIST_ENDPOINTS, logRowKey, readLogRows, SERVICE } from './contract';
import { polledUnits, unitIdResolver, unitsField, type PolledUnit } from './fields/units';
import { searchUnits } from './methods/listSearch';
import { flexyKeyApi } from './transport';

/** The API's cap: "at most 500 entries per request". */
export const MAX_LOG_ROWS = 500;
const SECOND = 1_000;
const HOUR = 3_600_000;
/** How far back "Fetch Test Event" looks for the newest row (its sample). */
const SAMPLE_LOOKBACK_MS = 30 * 24 * HOUR;
/** Narrowed windows per unit and poll before giving up (500 rows each: a backlog of 500,000 rows). */
const MAX_WINDOWS = 1_000;
/**
 * Look-back default: a unit that lost its connection (network or power outage, a night without
 * mobile coverage) usually uploads its buffer within hours; a day covers that with room, and a unit
 * writing fewer than 500 rows a day costs one request per poll.
 */
const DEFAULT_LOOKBACK_HOURS = 24;
/**
 * Look-back ceiling: 30 days, the span the trigger already reads for its sample. The API sets no
 * limit on `from`/`to`; what bounds the cost is the memory cap below.
 */
const MAX_LOOKBACK_HOURS = 720;
/**
 * Log rows remembered per unit. n8n saves the static data after every poll: a row costs about 27
 * bytes (135 KB with the memory full and a row in each second; a unit writing a few hundred rows a
 * day needs under 10 KB), and each poll reads at most about 5,000 / 500 + 1 pages per unit. A busier
 * unit gets a shorter effective look-back (logged as a warning).
 */
export const MAX_REMEMBERED_ROWS = 5_000;

/** Whole-second ISO 8601 in UTC, as the doc's timestamps. */
const isoSecond = (ms: number) => new Date(Math.floor(ms / SECOND) * SECOND).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * `GET /Logs` for one window, newest first. A 400 for an Evva unit becomes a clear error (n8n
 * shows it when the workflow is activated).
 */
async function fetchLogs(ctx: IPollFunctions, unitId: number, fromMs: number, toMs: number): Promise<IDataObject[]> {
	const qs = { unitId, from: isoSecond(fromMs), to: isoSecond(toMs) };
	let body: unknown;
	try {
		body = await flexyKeyApi(ctx).get('/Logs', qs);
	} catch (error) {
		throw await explainEvva(ctx, unitId, error);
	}
	return expectReading(ctx.getNode(), SERVICE, LIST_ENDPOINTS.logs, readLogRows(body));
}

/** A 400 for an Evva unit becomes a clear error naming the field (n8n shows it when the workflow is activated). */
async function explainEvva(ctx: IPollFunctions, unitId: number, error: unknown): Promise<unknown> {
	const unitType = await evvaUnitBehind(flexyKeyApi(ctx), unitId, error);
	if (!unitType) return error;
	return new NodeOperationError(ctx.getNode(), `Units: unit ${unitId} is an ${unitType} unit; FlexyKey logs are not available for Evva units`, {
		description: 'The FlexyKey API provides logs for FlexyKey units only ("Evva logs are not available"). Remove the unit from Units.',
	});
}

interface Collected {
	rows: IDataObject[];
	/** False when one second alone held the 500-row cap: rows of that second beyond the cap cannot be read. */
	complete: boolean;
}

/**
 * Every row from `fromMs` to `toMs`, newest first. When a window answers the full 500 rows, the
 * older rows of that window were cut off: the window is narrowed to end at the second of the oldest
 * row received (that second again, as it may be cut in the middle) and read again, until a window
 * comes back below the cap. Each row is in the result once.
 */
async function collectLogs(ctx: IPollFunctions, unitId: number, fromMs: number, toMs: number): Promise<Collected> {
	const rows: IDataObject[] = [];
	let windowEnd = toMs;
	for (let window = 0; window < MAX_WINDOWS; window++) {
		const page = await fetchLogs(ctx, unitId, fromMs, windowEnd);
		if (page.length < MAX_LOG_ROWS) return { rows: [...rows, ...page], complete: true };
		const times = page.map((row) => logRowKey(row)?.atMs).filter((ms): ms is number => ms !== undefined);
		// inferred: `to` is inclusive to the second, so ending at the oldest row's second still reads all of it
		const narrowed = Math.floor(Math.min(...times) / SECOND) * SECOND;
		if (times.length === 0 || narrowed >= Math.floor(windowEnd / SECOND) * SECOND) return { rows: [...rows, ...page], complete: false };
		// The narrowed window reads that second whole: its rows from this page go, or identical
		// id-less rows would count twice.
		rows.push(...page.filter((row) => Math.floor((logRowKey(row)?.atMs ?? Infinity) / SECOND) * SECOND !== narrowed));
		windowEnd = narrowed;
	}
	throw new NodeOperationError(ctx.getNode(), `Unit ${unitId}: more than ${MAX_WINDOWS * MAX_LOG_ROWS} new log rows since the last poll`, {
		description: 'Nothing was emitted and nothing was remembered. Deactivate and activate the workflow to start again from now.',
	});
}

/** A unit's stored state: the look-back memory, or the time cursor stored before the trigger looked back. */
type StoredLogState = SeenRows | TimeCursor;

/** The unit's memory, `undefined` before its first poll (a time cursor counts as the memory it stands for). */
function memoryOf(stored: StoredLogState | undefined): SeenRows | undefined {
	if (!stored) return undefined;
	if ('seen' in stored) return stored as SeenRows;
	return seenFromCursor(stored as TimeCursor, idlessLogKey);
}

/** Options → Look-Back (Hours), checked before any request. */
function lookBackMs(ctx: IPollFunctions): number {
	const raw = ctx.getNodeParameter('options.lookBackHours', DEFAULT_LOOKBACK_HOURS) as unknown;
	const hours = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim() || NaN);
	if (!Number.isInteger(hours) || hours < 1 || hours > MAX_LOOKBACK_HOURS) {
		throw new NodeOperationError(ctx.getNode(), `Options → Look-Back (Hours): must be a whole number of hours from 1 to ${MAX_LOOKBACK_HOURS}, got ${String(raw)}`);
	}
	return hours * HOUR;
}

export class FlexyKeyLogTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FlexyKey Log Trigger',
		name: 'flexyKeyLogTrigger',
		icon: { light: 'file:../../icons/flexykey-log.svg', dark: 'file:../../icons/flexykey-log.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New log rows (polling)',
		description: 'Starts the workflow with each new log row of FlexyKey units (access, inputs, outputs), by polling the logs',
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexykey-log-trigger.md',
		builderHint: {
			searchHint:
				'Starts a workflow with each new log row (access granted or refused, input and output events) of FlexyKey units, by polling the logs; no webhook needed. Pick it over a Schedule Trigger plus HTTP Request: it keeps a cursor per unit and emits each row once, in order.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-base.removeDuplicates', relationHint: 'Remembers handled log rows across executions (by row key), for when rows can reach the workflow again, e.g. after the trigger\'s cursor was reset' },
				{ nodeType: 'n8n-nodes-device-access.flexyKey', relationHint: 'Acts on a log row, e.g. revoke a PIN or switch an output' },
			],
		},
		defaults: { name: 'FlexyKey Log Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexyKeyApi', required: true }],
		properties: [
			// Names this trigger's output schema (__schema__/v1.0.0/newLogRow.json): n8n finds a schema by resource and
			// operation, and the triggers sharing this folder would otherwise share one file.
			{ displayName: 'Output', name: 'operation', type: 'hidden', default: 'newLogRow' },
			{
				displayName:
					'Each poll reads the log rows of the look-back window and starts the workflow with one item per row it has not emitted yet, oldest first, each row once: also rows a unit uploads late, after being offline. The first poll after activation only notes where the log stands. Logs exist for FlexyKey units only, not Evva.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			unitsField('The FlexyKey units whose logs are read at each poll'),
			optionsCollection([
				{
					displayName: 'Look-Back (Hours)',
					name: 'lookBackHours',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_LOOKBACK_HOURS, numberPrecision: 0 },
					default: DEFAULT_LOOKBACK_HOURS,
					description:
						'How far back each poll reads again, for rows that arrive late with an older time (a unit that was offline uploads its buffered log when it reconnects). Choose it longer than the longest time a unit can be offline: rows older than this when they arrive are never emitted.',
				},
			]),
		],
	};

	methods = { listSearch: { searchUnits } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const units = polledUnits(this);
		const lookBack = lookBackMs(this);
		const unitIdOf = unitIdResolver(this);
		const nowMs = Date.now();
		// The window ends at the next whole second: rows of the current second are read now, and again
		// (then known by the memory) next time.
		const toMs = Math.floor(nowMs / SECOND) * SECOND + SECOND;
		const window = { keepFromMs: nowMs - lookBack, maxRows: MAX_REMEMBERED_ROWS };
		return pollSources<StoredLogState, PolledUnit>(this, 'cursors', units, async (unit, stored, manual) => {
			const unitId = await unitIdOf(unit.target);
			if (manual) {
				// "Fetch Test Event": the newest row as a sample.
				const recent = await fetchLogs(this, unitId, nowMs - SAMPLE_LOOKBACK_MS, toMs);
				return { items: sinceCursor(recent, cursorAt(0), logRowKey).fresh.slice(-1) };
			}
			// The first poll (baseline) remembers every row of the look-back as emitted.
			const memory = memoryOf(stored);
			const from = memory ?? seenFrom(nowMs - lookBack);
			const collected = await collectLogs(this, unitId, Date.parse(from.from), toMs);
			if (!collected.complete) {
				this.logger.warn(`FlexyKey Log Trigger: unit ${unitId} wrote ${MAX_LOG_ROWS} or more log rows within one second; rows of that second beyond the API's cap cannot be read`);
			}
			// The API sends newest first: reversed, rows of the same second keep the API's order, oldest first.
			const { fresh, next, capped } = sinceSeen(collected.rows.reverse(), from, logRowKey, window);
			if (capped) {
				this.logger.warn(
					`FlexyKey Log Trigger: unit ${unitId} has more than ${MAX_REMEMBERED_ROWS} log rows within the look-back; rows arriving late with a time before ${next.from} will not be emitted`,
				);
			}
			return { items: memory ? fresh : [], next };
		});
	}
}
