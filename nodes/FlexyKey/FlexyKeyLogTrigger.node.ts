import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { cursorAt, pollSources, sinceCursor, type TimeCursor } from '../shared/cursor';
import { evvaUnitBehind } from './logs';
import { expectReading } from '../shared/contract';
import { LIST_ENDPOINTS, logRowKey, readLogRows, SERVICE } from './contract';
import { polledUnits, unitIdResolver, unitsField, type PolledUnit } from './fields/units';
import { searchUnits } from './methods/listSearch';
import { flexyKeyApi } from './transport';

/** The API's cap: "at most 500 entries per request". */
export const MAX_LOG_ROWS = 500;
/** How far back the first poll looks for the newest row (its baseline). */
const BASELINE_LOOKBACK_MS = 30 * 24 * 3_600_000;
/** Narrowed windows per unit and poll before giving up (500 rows each: a backlog of 500,000 rows). */
const MAX_WINDOWS = 1_000;
const SECOND = 1_000;

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
 * Every row from `fromMs` to `toMs`. When a window answers the full 500 rows (newest first), the
 * older rows of that window were cut off: the window is narrowed to end at the second of the oldest
 * row received (that second again, as it may be cut in the middle) and read again, until a window
 * comes back below the cap. Rows read twice are dropped later by id.
 */
async function collectLogs(ctx: IPollFunctions, unitId: number, fromMs: number, toMs: number): Promise<Collected> {
	const rows: IDataObject[] = [];
	let windowEnd = toMs;
	for (let window = 0; window < MAX_WINDOWS; window++) {
		const page = await fetchLogs(ctx, unitId, fromMs, windowEnd);
		rows.push(...page);
		if (page.length < MAX_LOG_ROWS) return { rows, complete: true };
		const times = page.map((row) => logRowKey(row)?.atMs).filter((ms): ms is number => ms !== undefined);
		// inferred: `to` is inclusive to the second, so ending at the oldest row's second still reads all of it
		const narrowed = Math.floor(Math.min(...times) / SECOND) * SECOND;
		if (times.length === 0 || narrowed >= Math.floor(windowEnd / SECOND) * SECOND) return { rows, complete: false };
		windowEnd = narrowed;
	}
	throw new NodeOperationError(ctx.getNode(), `Unit ${unitId}: more than ${MAX_WINDOWS * MAX_LOG_ROWS} new log rows since the last poll`, {
		description: 'Nothing was emitted and the cursor did not move. Deactivate and activate the workflow to start again from now.',
	});
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
					'Each poll reads the log rows written since the previous poll and starts the workflow with one item per row, oldest first, each row once. The first poll after activation only notes where the log stands. Logs exist for FlexyKey units only, not Evva.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			unitsField('The FlexyKey units whose logs are read at each poll'),
		],
	};

	methods = { listSearch: { searchUnits } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const units = polledUnits(this);
		const unitIdOf = unitIdResolver(this);
		const nowMs = Date.now();
		// The window ends at the next whole second: rows of the current second are read now, and again
		// (then dropped by id) next time.
		const toMs = Math.floor(nowMs / SECOND) * SECOND + SECOND;
		return pollSources<TimeCursor, PolledUnit>(this, 'cursors', units, async (unit, cursor, manual) => {
			const unitId = await unitIdOf(unit.target);
			if (manual || !cursor) {
				// Baseline (and "Fetch Test Event" sample): the newest row; everything up to it counts as seen.
				const recent = await fetchLogs(this, unitId, nowMs - BASELINE_LOOKBACK_MS, toMs);
				const { fresh, next } = sinceCursor(recent, cursorAt(0), logRowKey);
				if (manual) return { items: fresh.slice(-1) };
				return { items: [], next: fresh.length > 0 ? next : cursorAt(nowMs) };
			}
			const collected = await collectLogs(this, unitId, Date.parse(cursor.at), toMs);
			if (!collected.complete) {
				this.logger.warn(`FlexyKey Log Trigger: unit ${unitId} wrote ${MAX_LOG_ROWS} or more log rows within one second; rows of that second beyond the API's cap cannot be read`);
			}
			// The API sends newest first: reversed, rows of the same second keep the API's order, oldest first.
			const { fresh, next } = sinceCursor(collected.rows.reverse(), cursor, logRowKey);
			return { items: fresh, next };
		});
	}
}
