import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { expectReading } from '../shared/contract';
import { pollSources } from '../shared/cursor';
import { polledUnits, unitsField, type PolledUnit } from './fields/units';
import { controlStatusFields, readControlStatus, readIoStates, SERVICE, type IoKind, type IoState, type OnOff } from './contract';
import { searchUnits } from './methods/listSearch';
import { flexyKeyApi } from './transport';

type Change = 'offToOn' | 'onToOff';

/** What the trigger remembers per unit: the last state of each IO and the status times it read. */
interface Baseline extends IDataObject {
	statusTimestampIso: string | null;
	xInputsStatusTimestampIso: string | null;
	states: Record<string, OnOff>;
}

interface Filters {
	ios: Set<string>;
	kinds: Set<IoKind>;
	changes: Set<Change>;
}

interface IoChange {
	io: IoState;
	from: OnOff;
	previousTimestampIso: string | null;
}

const changeOf = (from: OnOff, to: OnOff): Change => (from === 'OFF' && to === 'ON' ? 'offToOn' : 'onToOff');

function readFilters(ctx: IPollFunctions): Filters {
	const ios = String(ctx.getNodeParameter('ios', '') ?? '')
		.split(/[\s,;]+/)
		.map((name) => name.trim().toUpperCase())
		.filter(Boolean);
	const kinds = ctx.getNodeParameter('ioKinds', ['output', 'input']) as IoKind[];
	const changes = ctx.getNodeParameter('changes', ['offToOn', 'onToOff']) as Change[];
	return { ios: new Set(ios), kinds: new Set(kinds), changes: new Set(changes) };
}

const wanted = (filters: Filters, io: IoState) => (filters.ios.size === 0 || filters.ios.has(io.globalNumber)) && filters.kinds.has(io.kind);

const groupTimestamp = (baseline: Baseline, io: IoState) => (io.group === 'xInputs' ? baseline.xInputsStatusTimestampIso : baseline.statusTimestampIso);

/** True when `answer` is older than `stored`: a cached status from before the one already seen. */
function isStale(answer: string | null, stored: string | null): boolean {
	if (!answer || !stored) return false;
	const answerMs = Date.parse(answer);
	const storedMs = Date.parse(stored);
	return !Number.isNaN(answerMs) && !Number.isNaN(storedMs) && answerMs < storedMs;
}

/**
 * The IOs whose state differs from the baseline, and the baseline after this answer. An IO whose
 * group status time is older than the one already seen is a cached, outdated answer: not a change,
 * and the baseline keeps what it had. inferred: the status time moves when the unit reports.
 */
function compare(before: Baseline | undefined, status: IDataObject, states: IoState[]): { changes: IoChange[]; after: Baseline } {
	const { statusTimestampIso, xInputsStatusTimestampIso } = controlStatusFields(status);
	const after: Baseline = { statusTimestampIso, xInputsStatusTimestampIso, states: { ...(before?.states ?? {}) } };
	if (before) {
		if (isStale(after.statusTimestampIso, before.statusTimestampIso)) after.statusTimestampIso = before.statusTimestampIso;
		if (isStale(after.xInputsStatusTimestampIso, before.xInputsStatusTimestampIso)) after.xInputsStatusTimestampIso = before.xInputsStatusTimestampIso;
	}
	const changes: IoChange[] = [];
	for (const io of states) {
		const previous = before?.states[io.globalNumber];
		if (before && isStale(io.timestampIso, groupTimestamp(before, io))) continue;
		after.states[io.globalNumber] = io.state;
		if (before && previous && previous !== io.state) changes.push({ io, from: previous, previousTimestampIso: groupTimestamp(before, io) });
	}
	return { changes, after };
}

function outputItem(status: IDataObject, io: IoState, from: OnOff | null, previousTimestampIso: string | null, polledAt: string): IDataObject {
	const { unitId, serialNumber } = controlStatusFields(status);
	return {
		unitId,
		serialNumber,
		globalNumber: io.globalNumber,
		kind: io.kind,
		from,
		to: io.state,
		change: from === null ? null : changeOf(from, io.state),
		statusTimestampIso: io.timestampIso,
		previousStatusTimestampIso: previousTimestampIso,
		polledAtIso: polledAt,
	};
}

async function readStatus(ctx: IPollFunctions, unit: PolledUnit): Promise<IDataObject> {
	const body: unknown = await flexyKeyApi(ctx).get('/Control', { ...unit.target });
	return expectReading(ctx.getNode(), SERVICE, 'GET /Control', readControlStatus(body));
}

export class FlexyKeyStatusTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FlexyKey Status Trigger',
		name: 'flexyKeyStatusTrigger',
		icon: { light: 'file:../../icons/flexykey-status.svg', dark: 'file:../../icons/flexykey-status.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'IO changes (polling)',
		description: 'Starts the workflow when an input or output of a FlexyKey unit changes, by polling its IO status (no webhook needed)',
		documentationUrl: 'https://github.com/n8n-nodes-device-access/n8n-nodes-device-access/blob/main/docs/nodes/flexykey-status-trigger.md',
		builderHint: {
			searchHint:
				'Starts a workflow when an input or output of a FlexyKey unit changes, by polling the unit\'s IO status on a schedule; no webhook or public URL needed. Pick it over a Schedule Trigger plus HTTP Request: it keeps the last state per unit and emits only real changes, once each. For instant reactions with a public URL use FlexyKey Trigger.',
			relatedNodes: [
				{ nodeType: 'n8n-nodes-device-access.flexyKey', relationHint: 'Reacts to the change, typically Control → Set Output to switch an output' },
				{ nodeType: 'n8n-nodes-device-access.flexyKeyTrigger', relationHint: 'Webhook alternative: instant, needs a public URL' },
			],
		},
		defaults: { name: 'FlexyKey Status Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'flexyKeyApi', required: true }],
		properties: [
			// Names this trigger's output schema (__schema__/v1.0.0/ioChanged.json): n8n finds a schema by resource and
			// operation, and the triggers sharing this folder would otherwise share one file.
			{ displayName: 'Output', name: 'operation', type: 'hidden', default: 'ioChanged' },
			{
				displayName:
					'Each poll reads the IO status (as FlexyKey → Control → Get IO Status) of every unit below and starts the workflow with one item per IO that changed since the previous poll. The first poll after activation only records the current state. Changes that come and go between two polls are not seen: use the FlexyKey Trigger (webhook) when every change matters.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			unitsField('The units whose IO status is read at each poll'),
			{
				displayName: 'IOs',
				name: 'ios',
				type: 'string',
				default: '',
				placeholder: 'F1, IX1',
				description: 'The globalNumbers to watch, separated by commas (as listed by Unit → Get). Empty watches every IO of the unit.',
			},
			{
				displayName: 'IO Types',
				name: 'ioKinds',
				type: 'multiOptions',
				default: ['output', 'input'],
				options: [
					{ name: 'Inputs', value: 'input', description: 'Main inputs and expansion inputs (IX…)' },
					{ name: 'Outputs', value: 'output', description: 'Main relays (F1, F2) and expansion outputs (X…)' },
				],
				description: 'Which kinds of IO to watch',
			},
			{
				displayName: 'Changes',
				name: 'changes',
				type: 'multiOptions',
				default: ['offToOn', 'onToOff'],
				options: [
					{ name: 'Off → On', value: 'offToOn' },
					{ name: 'On → Off', value: 'onToOff' },
				],
				description: 'Which directions of change start the workflow',
			},
		],
	};

	methods = { listSearch: { searchUnits } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const units = polledUnits(this);
		const filters = readFilters(this);
		// Every unit is read before anything is stored: one failed read leaves every baseline as it was.
		return pollSources<Baseline, PolledUnit>(this, 'baselines', units, async (unit, before, manual) => {
			const status = await readStatus(this, unit);
			const states = expectReading(this.getNode(), SERVICE, 'GET /Control', readIoStates(status)).filter((io) => wanted(filters, io));
			const polledAt = new Date().toISOString();
			// "Fetch Test Event": the current state of each watched IO, shaped like a change.
			if (manual) return { items: states.map((io) => outputItem(status, io, null, null, polledAt)) };
			const { changes, after } = compare(before, status, states);
			const items = changes
				.filter((change) => filters.changes.has(changeOf(change.from, change.io.state)))
				.map((change) => outputItem(status, change.io, change.from, change.previousTimestampIso, polledAt));
			return { items, next: after };
		});
	}
}
