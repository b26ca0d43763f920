/**
 * Drives this package's polling trigger nodes the way n8n does, with n8n-core's real PollContext:
 *
 * - An active workflow lives in memory between polls (n8n keeps it, with its static data, while the
 *   workflow is active), so whatever `poll()` changes in static data, even in a poll that throws,
 *   is seen by the next poll, as in n8n.
 * - `poll()` is one scheduled tick (mode `trigger`): a non-null result is "emitted", i.e. run through
 *   the in-process engine from the trigger node (WorkflowExecute passes a poll node's input through
 *   outside manual mode); static data is saved after a tick that succeeded, as n8n saves it with the
 *   execution or commits the cursor of a tick that emitted nothing.
 * - `restart()` is n8n starting again: a fresh in-memory workflow from the saved static data.
 * - `fetchTestEvent()` is the editor's "Fetch Test Event": a manual run through WorkflowExecute, which
 *   calls `poll()` with mode `manual`.
 */
import { randomUUID } from 'node:crypto';
import { PollContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, WorkflowActivateMode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import type { FaultKind } from '../../simulator/core/faults';
import type { Simulator } from '../../simulator/index';
import { HarnessCredentialsHelper, type CredentialValues } from './credentials-helper';
import { inProcessAdditionalData } from '../../scripts/engine-core';
import { PACKAGE_NAME } from './package-types';
import { harnessNodeTypes, runWorkflow, type WorkflowRun } from './run-workflow';

export interface PollSpec {
	/** `flexyKeyStatusTrigger`, `flexyKeyLogTrigger`, `cekSafeHistoryTrigger`. */
	type: string;
	parameters: INodeParameters;
	credentials: CredentialValues;
	name?: string;
	/** Static data as n8n saved it (for a restart). */
	staticData?: IDataObject;
}

export interface PollTick {
	/** The items the poll emitted (`null`: nothing new). */
	items: IDataObject[] | null;
	/** The workflow execution the emitted items started. */
	run?: WorkflowRun;
	/** What `poll()` threw: n8n records a failed poll and keeps the workflow active. */
	error?: Error & { httpCode?: string; description?: string };
}

/** The faults a poll can meet, and the error each must fail with (n8n shows it on the trigger). */
export const POLL_FAULT_ERRORS = {
	error429: /rate limit|HTTP 429/,
	error500: /HTTP 500/,
	malformedJson: /answer is not valid JSON/,
	unreadableBody: /is not in a shape this node can read/,
} satisfies Partial<Record<FaultKind, RegExp>>;
export type PollFault = keyof typeof POLL_FAULT_ERRORS;

const credentialTypeOf: Record<string, string> = {
	flexyKeyStatusTrigger: 'flexyKeyApi',
	flexyKeyLogTrigger: 'flexyKeyApi',
	cekSafeHistoryTrigger: 'cekSafeApi',
};

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;

export class PollHarness {
	readonly node: INode;
	/** The static data as n8n last saved it to its database. */
	saved: IDataObject;
	readonly ticks: PollTick[] = [];
	private readonly workflow: Workflow;

	constructor(
		private readonly spec: PollSpec,
		/** n8n creates the poll context once, when the workflow is activated (`init` after a restart). */
		private readonly activation: WorkflowActivateMode = 'activate',
	) {
		const credentialType = credentialTypeOf[spec.type];
		this.node = {
			id: randomUUID(),
			name: spec.name ?? 'Poll Trigger',
			type: `${PACKAGE_NAME}.${spec.type}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: spec.parameters,
			credentials: credentialType ? { [credentialType]: { id: `${credentialType}-1`, name: `${credentialType} account` } } : undefined,
		};
		this.saved = copy(spec.staticData ?? {});
		this.workflow = new Workflow({
			id: `wf-${randomUUID().slice(0, 8)}`,
			name: 'Poll test',
			nodes: [copy(this.node)],
			connections: {},
			active: true,
			nodeTypes: harnessNodeTypes(),
			staticData: copy(this.saved),
			settings: { executionOrder: 'v1' },
		});
	}

	/** The node's static data in the live (in-memory) workflow. */
	nodeStaticData(): IDataObject {
		return copy(this.workflow.getStaticData('node', this.workflow.getNode(this.node.name)!));
	}

	/** One scheduled poll (the first one is the poll n8n runs when the workflow is activated). */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollTick> {
		const node = this.workflow.getNode(this.node.name)!;
		const additionalData = inProcessAdditionalData(new HarnessCredentialsHelper(this.spec.credentials));
		const emitted: INodeExecutionData[][][] = [];
		const context = new PollContext(this.workflow, node, additionalData, mode, this.activation, (data) => emitted.push(data));
		const nodeType = harnessNodeTypes().getByNameAndVersion(this.node.type, 1);
		const tick: PollTick = { items: null };
		try {
			const result = await nodeType.poll!.call(context);
			if (mode === 'manual') {
				tick.items = result?.[0].map((item) => item.json) ?? null;
			} else if (result !== null) {
				tick.items = result[0].map((item) => item.json);
				tick.run = await runWorkflow(
					{ nodes: [copy(this.node)], connections: {} },
					{ credentials: this.spec.credentials, input: tick.items, mode: 'trigger' },
				);
			}
			if (mode === 'trigger') this.saved = copy(this.workflow.staticData);
		} catch (error) {
			tick.error = error as PollTick['error'];
		}
		this.ticks.push(tick);
		return tick;
	}

	/**
	 * One poll while every simulator request answers with `fault` (simulator/core/faults.ts; the
	 * transport's retries included): asserts it emitted nothing, failed loudly with what the fault
	 * stands for, and left the node's static data (cursors, baselines, remembered rows) as it was.
	 */
	async failingPoll(sim: Simulator, fault: PollFault = 'error500'): Promise<PollTick> {
		const before = this.nodeStaticData();
		// More than any poll sends, retries included; what is left is cleared below.
		sim.config.faults.script = Array<FaultKind>(200).fill(fault);
		let tick: PollTick;
		try {
			tick = await this.poll();
		} finally {
			sim.config.faults.script = [];
		}
		expect(tick.items).toBeNull();
		expect(tick.error?.message).toMatch(POLL_FAULT_ERRORS[fault]);
		expect(this.nodeStaticData()).toEqual(before);
		return tick;
	}

	/** n8n restarted (or the workflow was deactivated and activated again): memory is gone, the database stays. */
	restart(parameters?: INodeParameters): PollHarness {
		return new PollHarness({ ...this.spec, parameters: { ...this.spec.parameters, ...parameters }, staticData: this.saved, name: this.node.name }, 'init');
	}

	/**
	 * `poll()` in manual mode on this live workflow, as "Fetch Test Event" calls it while the workflow
	 * is active: nothing is run or saved; whatever it wrote to static data shows in `nodeStaticData()`.
	 */
	manualPoll(): Promise<PollTick> {
		return this.poll('manual');
	}

	/** The editor's "Fetch Test Event": a manual execution that runs `poll()` in manual mode. */
	async fetchTestEvent(): Promise<WorkflowRun> {
		return runWorkflow({ nodes: [copy(this.node)], connections: {} }, { credentials: this.spec.credentials, input: [], mode: 'manual' });
	}
}
