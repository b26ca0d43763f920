import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { cursorAt, pollSources, sinceCursor, type TimeCursor } from '../shared/cursor';
import { expectReading } from '../shared/contract';
import { checkRowKey, MAX_HISTORY_PAGE_SIZE, readHistoryPage, SERVICE } from './contract';
import { cekSafeApi } from './transport';

/** Pages read per poll before giving up (100 checks each). */
const MAX_PAGES = 1_000;
const CURSOR = 'history';

interface HistoryPage {
	checks: IDataObject[];
	pages: number | undefined;
}

/** `GET /history` page, newest first; `data.checks[]` and `data.pagination` as in the doc. */
async function readPage(ctx: IPollFunctions, page: number, from?: string): Promise<HistoryPage> {
	const body = await cekSafeApi(ctx).get('/history', { page, limit: MAX_HISTORY_PAGE_SIZE, from });
	const { checks, pages } = expectReading(ctx.getNode(), SERVICE, 'GET /history', readHistoryPage(body));
	return { checks, pages };
}

/**
 * Every check from the cursor's day on, newest first, page after page until a page reaches back
 * before the cursor (or the last page). Checks added while the pages are read shift them: the
 * repeats this causes are dropped by id afterwards, and nothing is skipped.
 */
async function checksSince(ctx: IPollFunctions, cursor: TimeCursor): Promise<IDataObject[]> {
	const cursorMs = Date.parse(cursor.at);
	// inferred: `from` is a UTC calendar day, inclusive
	const from = cursor.at.slice(0, 10);
	const rows: IDataObject[] = [];
	for (let page = 1; page <= MAX_PAGES; page++) {
		const { checks, pages } = await readPage(ctx, page, from);
		rows.push(...checks);
		const reachedCursor = checks.some((row) => (checkRowKey(row)?.atMs ?? Infinity) < cursorMs);
		const lastPage = pages !== undefined ? page >= pages : checks.length < MAX_HISTORY_PAGE_SIZE;
		if (reachedCursor || lastPage || checks.length === 0) return rows;
	}
	throw new NodeOperationError(ctx.getNode(), `More than ${MAX_PAGES * MAX_HISTORY_PAGE_SIZE} new checks since the last poll`, {
		description: 'Nothing was emitted and the cursor did not move. Deactivate and activate the workflow to start again from now.',
	});
}

export class CekSafeHistoryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CekSafe History Trigger',
		name: 'cekSafeHistoryTrigger',
		icon: { light: 'file:../../icons/ceksafe-history.svg', dark: 'file:../../icons/ceksafe-history.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'New IMEI checks (polling)',
		description: 'Starts the workflow with each new IMEI check of the CekSafe account, by polling the check history',
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/ceksafe-history-trigger.md',
		builderHint: {
			searchHint:
				'Starts a workflow with each new IMEI check of the CekSafe account (whoever ran it), by polling the check history, optionally only blacklisted, stolen, suspicious or clean results. Pick it over a Schedule Trigger plus HTTP Request: it keeps a cursor and emits each check once.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-device-access.cekSafe', relationHint: 'Runs further checks on a device' },
				{ nodeType: 'n8n-nodes-device-access.flexUnlock', relationHint: 'Orders an unlock for a device whose check came back clean' },
			],
		},
		defaults: { name: 'CekSafe History Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cekSafeApi', required: true }],
		properties: [
			// Names this trigger's output schema (__schema__/v1.0.0/newCheck.json): n8n finds a schema by resource and
			// operation, and the triggers sharing this folder would otherwise share one file.
			{ displayName: 'Output', name: 'operation', type: 'hidden', default: 'newCheck' },
			{
				displayName:
					'Each poll reads the account\'s check history since the previous poll and starts the workflow with one item per new check, oldest first, each check once. The first poll after activation only notes where the history stands.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Blacklisted', value: 'blacklisted' },
					{ name: 'Clean', value: 'clean' },
					{ name: 'Stolen', value: 'stolen' },
					{ name: 'Suspicious', value: 'suspicious' },
				],
				description: 'Only checks with one of these statuses start the workflow. Empty: every new check.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const statuses = new Set((this.getNodeParameter('statuses', []) as string[]).map((status) => status.toLowerCase()));
		const wanted = (row: IDataObject) => statuses.size === 0 || statuses.has(String(row.status ?? '').toLowerCase());
		// One source: the account's history, with one cursor.
		return pollSources<TimeCursor, { key: string }>(this, 'cursors', [{ key: CURSOR }], async (_account, cursor, manual) => {
			if (manual || !cursor) {
				// Baseline (and "Fetch Test Event" sample): the newest page; everything in it counts as seen.
				const { checks } = await readPage(this, 1);
				if (manual) return { items: checks.filter(wanted).slice(0, 1) };
				const { fresh, next } = sinceCursor(checks, cursorAt(0), checkRowKey);
				return { items: [], next: fresh.length > 0 ? next : cursorAt(Date.now()) };
			}
			// The API sends newest first: reversed, checks of the same second keep the API's order, oldest first.
			const { fresh, next } = sinceCursor((await checksSince(this, cursor)).reverse(), cursor, checkRowKey);
			return { items: fresh.filter(wanted), next };
		});
	}
}
