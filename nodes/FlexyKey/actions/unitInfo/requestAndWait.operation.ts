import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { pollUntil } from '../../../shared/poll';
import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf, unitTarget } from '../../fields/unit';
import { parseIso, toUtcIso } from '../../fields/time';
import { expectReading } from '../../../shared/contract';
import { listRows, messageFields, readRequestResults, readUnitInfoProfiles, RESULT_STATES, SERVICE, type RequestResult } from '../../contract';
import { unknownStateError } from '../../../shared/state-words';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { commandFields, commandSelection, type CommandSelection } from './command';
import { MAX_MESSAGES } from './getMessages.operation';
import { showFor } from '../../../shared/display';

export const DEFAULT_TIMEOUT_SECONDS = 60;
export const DEFAULT_POLL_SECONDS = 2;
const MIN_POLL_MS = 100;

export interface Answer extends IDataObject {
	typeName: string;
	/** What `POST /RequestUnitInfo` said about this command. */
	resultStatus: RequestResult['status'];
	/** True when `messages` arrived after this request; false for a stored answer of a skipped command. */
	fresh: boolean;
	messages: IDataObject[];
}

/**
 * `POST /RequestUnitInfo`, then `GET /UnitMessages` every poll interval until every queued
 * command has a newer answer, or the timeout passes. Commands the API skipped (cached, rate
 * limited) are not waited for: their latest stored answer is returned, marked `fresh: false`.
 */
export const requestAndWait: FlexyKeyOperation = {
	properties: showFor('unitInfo', 'requestAndWait', [
		unitField(),
		...commandFields(),
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: 'How long to wait for the unit\'s answer before failing the item',
		},
		{
			displayName: 'Wait Options',
			name: 'waitOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'If Skipped (Cached or Rate Limited)',
					name: 'ifSkipped',
					type: 'options',
					default: 'latest',
					description: 'What to do when the API does not queue the command because a recent answer is cached or the unit\'s rate limit was reached',
					options: [
						{ name: 'Fail', value: 'error', description: 'Fail the item, naming the skipped command' },
						{
							name: 'Return Latest Stored Answer',
							value: 'latest',
							description: 'Return the newest stored answer, marked fresh: false (empty when there is none)',
						},
					],
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					typeOptions: { minValue: 0.1, numberPrecision: 1 },
					default: DEFAULT_POLL_SECONDS,
					description: 'Time between two reads of the unit\'s messages',
				},
			],
		},
	]),
	async run(item) {
		// 1. Everything local first.
		const target = unitTarget(this, item);
		const selection = commandSelection(this, item);
		const timeoutSeconds = Number(this.getNodeParameter('timeout', item.index, DEFAULT_TIMEOUT_SECONDS));
		if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw invalidInput(this, item, 'Timeout (Seconds)', 'must be a positive number');
		const waitOptions = this.getNodeParameter('waitOptions', item.index, {}) as { pollInterval?: number; ifSkipped?: string };
		const pollSeconds = Number(waitOptions.pollInterval ?? DEFAULT_POLL_SECONDS);
		if (!Number.isFinite(pollSeconds) || pollSeconds <= 0) throw invalidInput(this, item, 'Poll Interval (Seconds)', 'must be a positive number');
		const timeoutMs = timeoutSeconds * 1000;
		const pollMs = Math.max(MIN_POLL_MS, pollSeconds * 1000);
		const unitId = await unitIdOf(this, item);
		const filter = 'typeName' in selection ? selection.typeName : undefined;

		// 2. What is already stored, so an older answer is never taken for the new one.
		const before = await readMessages(this, item, unitId, filter);
		const known = new Set(before.map(messageKey));

		// 3. Queue the command(s).
		const sentAtMs = Date.now();
		const response = await flexyKeyApi(this, item).full({ method: 'POST', path: '/RequestUnitInfo', body: { ...target, ...selection } });
		const result = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
		// inferred: "newer than the request" is judged on the server's clock (the answer's Date header),
		// to whole seconds as timestampIso has them; the local clock stands in when there is no Date header.
		const serverDate = Date.parse(String(response.headers.date ?? ''));
		const requestedAtMs = Math.floor((Number.isNaN(serverDate) ? sentAtMs : serverDate) / 1000) * 1000;
		const commands = await commandResults(this, item, selection, result);
		refuseUnwaitable(this, item, unitId, commands);

		const skipped = commands.filter((command) => command.status !== 'queued');
		if (skipped.length > 0 && waitOptions.ifSkipped === 'error') {
			const list = skipped.map((command) => `${command.typeName} (${command.status})`).join(', ');
			throw new NodeOperationError(this.getNode(), `Unit Info: the API did not queue ${list} for unit ${unitId}`, {
				itemIndex: item.index,
				description: 'Cached: a recent answer exists (read it with Get Messages). Rate limited: the unit took too many commands; try again later. Set "If Skipped" to "Return Latest Stored Answer" to get the stored answer instead.',
			});
		}

		// 4. Wait for a newer answer to every queued command.
		const pending = new Set(commands.filter((command) => command.status === 'queued').map((command) => command.typeName));
		const fresh = new Map<string, IDataObject[]>();
		const collect = (rows: IDataObject[]) => {
			for (const row of rows) {
				const { typeName = '', timestampIso = '' } = messageFields(row);
				if (known.has(messageKey(row)) || !commands.some((command) => command.typeName === typeName)) continue;
				const at = parseIso(timestampIso);
				if (Number.isNaN(at) || at < requestedAtMs) continue;
				known.add(messageKey(row));
				fresh.set(typeName, [...(fresh.get(typeName) ?? []), row]);
				pending.delete(typeName);
			}
			return pending.size === 0;
		};
		if (pending.size > 0) {
			const deadline = sentAtMs + timeoutMs;
			const wait = await pollUntil({
				deadline,
				interval: pollMs,
				// The first read one interval after the request, but never later than the deadline.
				firstReadAt: Math.min(Date.now() + pollMs, deadline),
				readAtDeadline: true,
				signal: this.getExecutionCancelSignal(),
				read: () => readMessages(this, item, unitId, filter),
				done: collect,
				cancelled: () => new NodeOperationError(this.getNode(), 'Unit Info: the execution was cancelled while waiting for the unit', { itemIndex: item.index }),
			});
			if (!wait.done) throw timeoutError(this, item, unitId, [...pending], requestedAtMs, timeoutSeconds);
		}

		const answers: Answer[] = commands.map(({ typeName, status }) =>
			status === 'queued'
				? { typeName, resultStatus: status, fresh: true, messages: fresh.get(typeName) ?? [] }
				: { typeName, resultStatus: status, fresh: false, messages: latestStored(before, typeName) },
		);
		return { ...result, requestedAtIso: toUtcIso(requestedAtMs), waitedMs: Date.now() - sentAtMs, answers };
	},
};

/**
 * A command whose result status the node does not know, or that the API refused, gets no answer to
 * wait for: the item fails at once naming the word, never at the timeout.
 */
function refuseUnwaitable(ctx: IExecuteFunctions, item: ItemScope, unitId: number, commands: RequestResult[]): void {
	const unknown = commands.find((command) => command.status === 'unknown');
	if (unknown) throw unknownStateError(ctx.getNode(), SERVICE, RESULT_STATES, unknown.statusText, 'POST /RequestUnitInfo', item.index, `It was the result for command ${unknown.typeName}; nothing is waited for.`);
	const failed = commands.filter((command) => command.status === 'failed');
	if (failed.length === 0) return;
	const list = failed.map((command) => `${command.typeName} (${command.statusText})`).join(', ');
	throw new NodeOperationError(ctx.getNode(), `Unit Info: the API refused ${list} for unit ${unitId}`, {
		itemIndex: item.index,
		description: 'POST /RequestUnitInfo answered that the command was not queued, so no answer will come. Check the command against Get Types (it must be approved, visible and enabled).',
	});
}

async function readMessages(ctx: IExecuteFunctions, item: ItemScope, unitId: number, typeName: string | undefined): Promise<IDataObject[]> {
	const qs = { unitId, typeName, limit: MAX_MESSAGES };
	return listRows(ctx.getNode(), 'unitMessages', await flexyKeyApi(ctx, item).get('/UnitMessages', qs), item.index);
}

/** A message's identity: its ID, or (inferred: if the API has none) its type, time and text. */
function messageKey(row: IDataObject): string {
	const { id, typeName, timestampIso, text } = messageFields(row);
	return id !== undefined ? `id:${id}` : `row:${typeName}|${timestampIso}|${text}`;
}

const messageTime = (row: IDataObject): number => parseIso(messageFields(row).timestampIso ?? '');

/** The newest stored answer of a type: every row of that type with the newest timestamp (CHECKEXP sends several). */
function latestStored(rows: IDataObject[], typeName: string): IDataObject[] {
	const ofType = rows.filter((row) => messageFields(row).typeName === typeName);
	if (ofType.length === 0) return [];
	const newest = Math.max(...ofType.map(messageTime).filter((ms) => !Number.isNaN(ms)));
	return ofType.filter((row) => messageTime(row) === newest);
}

/** The commands the request covers, with what the API did about each (`results`, inferred shape). */
async function commandResults(
	ctx: IExecuteFunctions,
	item: ItemScope,
	selection: CommandSelection,
	response: IDataObject,
): Promise<RequestResult[]> {
	const results = readRequestResults(response);
	if (results.ok && results.value.length > 0) return results.value;
	// Without per-command results, wait for what was asked: the type, or the profile's commands.
	if ('typeName' in selection) return [{ typeName: selection.typeName, status: 'queued', statusText: '' }];
	const catalog = await flexyKeyApi(ctx, item).get('/RequestUnitInfoTypes');
	const profiles = expectReading(ctx.getNode(), SERVICE, 'GET /RequestUnitInfoTypes', readUnitInfoProfiles(catalog), item.index);
	const typeNames = profiles.find((entry) => entry.profile === selection.profile)?.typeNames ?? [];
	if (typeNames.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `Unit Info: the catalog names no commands for profile ${selection.profile}, so there is nothing to wait for`, {
			itemIndex: item.index,
			description: 'POST /RequestUnitInfo listed no per-command results and GET /RequestUnitInfoTypes lists no commands for this profile. Read the answers with Get Messages.',
		});
	}
	return typeNames.map((typeName) => ({ typeName, status: 'queued' as const, statusText: '' }));
}

function timeoutError(
	ctx: IExecuteFunctions,
	item: ItemScope,
	unitId: number,
	pending: string[],
	requestedAtMs: number,
	timeoutSeconds: number,
): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`Unit Info: no answer to ${pending.join(', ')} from unit ${unitId} within ${timeoutSeconds} s (Timeout) of the request at ${toUtcIso(requestedAtMs)}`,
		{
			itemIndex: item.index,
			description:
				'The command was queued, but no newer message of that type arrived in Unit Messages in time. The unit may be offline or slow; the answer can still arrive later (read it with Get Messages), or raise "Timeout (Seconds)".',
		},
	);
}
