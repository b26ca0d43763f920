/**
 * Glue shared by every FlexyKey action-node test file (one per resource, plus errors and the
 * booking-to-access flow): one simulator per file, a one-node workflow runner, request-log views and a direct
 * API client for set-up and for reading state the simulator API exposes.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { DeepPartial, SimConfig } from '../../../simulator/config';
import { flexyKeyUsers } from '../../../simulator/demo-credentials';
import { callListSearch, callLoadOptions } from '../../harness/load-options';
import { runWorkflow, type WorkflowRun } from '../../harness/run-workflow';
import { CANONICAL_DIALECT, useSimulator, type Dialect, type SimulatorHandle } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

export const UNIT_PLAIN = 3023;
export const UNIT_WEXP = 3024;
export const UNIT_EVVA = 3025;
export const UNIT_X33 = 3026;
export const X33_SERIAL = '040530585131396';
export const PLAIN_SERIAL = '1720041130';

export const NODE = 'FlexyKey';

export const unitRef = (value: string | number = UNIT_PLAIN, mode: 'id' | 'list' | 'serialNumber' = 'id') => ({ __rl: true, mode, value: String(value) });

export interface RunOptions {
	input?: IDataObject[];
	continueOnFail?: boolean;
	user?: 'demo' | 'other';
	/** Replace the credential's password (401 tests). */
	password?: string;
	/** The workflow's time zone setting. */
	timezone?: string;
}

export interface FlexyKeyTest {
	readonly handle: SimulatorHandle;
	run(parameters: INodeParameters, options?: RunOptions): Promise<WorkflowRun>;
	/** Requests the simulator received, optionally only those to paths starting with `path`. */
	requests(path?: string, method?: string): Array<{ method: string; path: string; query: string; status: number }>;
	/**
	 * A direct call to the simulator as the demo user (set-up and state reads only), in dialect a unless
	 * `dialect` asks for the answer in another (to compare a node's pass-through output with it).
	 */
	api<T = IDataObject>(method: string, path: string, body?: unknown, dialect?: Dialect): Promise<{ status: number; body: T }>;
	loadOptions(method: string, parameters?: INodeParameters): ReturnType<typeof callLoadOptions>;
	listSearch(method: string, filter?: string, parameters?: INodeParameters): ReturnType<typeof callListSearch>;
}

export function useFlexyKeyNode(overrides?: DeepPartial<SimConfig>): FlexyKeyTest {
	const handle = useSimulator(overrides);
	const credentials = (options: RunOptions = {}) => {
		const values = handle.credentials({ flexyKeyUser: options.user ?? 'demo' });
		if (options.password !== undefined) values.flexyKeyApi = { ...values.flexyKeyApi, password: options.password };
		return values;
	};
	return {
		handle,
		run(parameters, options = {}) {
			const workflow = chain({ name: NODE, type: 'flexyKey', parameters, continueOnFail: options.continueOnFail });
			if (options.timezone) workflow.settings = { executionOrder: 'v1', timezone: options.timezone };
			return runWorkflow(workflow, {
				credentials: credentials(options),
				input: options.input,
			});
		},
		requests(path, method) {
			return handle.sim.flexykey.requestLog.filter(
				(entry) => (path === undefined || entry.path.startsWith(path)) && (method === undefined || entry.method === method),
			);
		},
		async api(method, path, body, dialect = 'a') {
			const { username, password } = flexyKeyUsers.demo;
			const res = await fetch(`${handle.sim.urls.flexykey}${path}`, {
				method,
				headers: { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`, 'Content-Type': 'application/json', ...CANONICAL_DIALECT, 'X-Sim-Dialect': dialect },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await res.text();
			return { status: res.status, body: (text ? JSON.parse(text) : undefined) as never };
		},
		loadOptions(method, parameters = {}) {
			return callLoadOptions(method, { nodeType: 'flexyKey', credentialType: 'flexyKeyApi', parameters, credentials: credentials() });
		},
		listSearch(method, filter, parameters = {}) {
			return callListSearch(method, { nodeType: 'flexyKey', credentialType: 'flexyKeyApi', parameters, credentials: credentials() }, filter);
		},
	};
}

/** Every output item is paired with input item `index`. */
export function pairedWith(run: WorkflowRun, nodeName = NODE): number[] {
	return run.output(nodeName).map((item) => (item.pairedItem as { item: number }).item);
}

/**
 * What the error of a sync that failed because the unit was offline says after "failed: ", per
 * dialect: the server's reason, then its status word and progress, never the status word twice
 * ("failed: failed"). `minimal` sends no reason (only `{ syncId, status, message }`, and the message is
 * the documented "No active unit programming"), so the node says there is none and what it saw.
 */
export const OFFLINE_SYNC_FAILURE: Record<Dialect, string> = {
	a: 'Unit did not respond: 1 packets not delivered (status: failed, 0%)',
	// b writes its status words as enum names: the server's word is quoted as it came
	b: 'Unit did not respond: 1 packets not delivered (status: Failed, 0%)',
	minimal: 'the status gives no reason (status: FAILED; message: No active unit programming; top-level keys: syncId, status, message)',
};

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The rows of a list answer as a test reads it: a bare array, or the array its envelope holds, up to
 * two levels down (dialect b's `{ settings: […] }`, `{ data: { bookingObjects: […] } }`).
 */
export function listIn(body: unknown): unknown[] {
	if (Array.isArray(body)) return body;
	const values = Object.values(body as object);
	return (values.find(Array.isArray) as unknown[] | undefined) ?? listIn(values.find((value) => typeof value === 'object' && value !== null));
}
