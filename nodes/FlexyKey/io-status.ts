/**
 * Reading the control status (`GET /Control`, the `control.statusChanged` payload) as a list of IO
 * states. The doc names the fields (`inputs`, `fOutputs`, `xOutputs`, `xInputs`, the two status
 * timestamps) but shows no IO item. One reader, so a different real shape is fixed in one place.
 */
import type { IDataObject } from 'n8n-workflow';

export type OnOff = 'ON' | 'OFF';
export type IoKind = 'output' | 'input';

export interface IoState {
	globalNumber: string;
	kind: IoKind;
	/** The status field it came from: `fOutputs`, `xOutputs`, `inputs` or `xInputs`. */
	group: string;
	state: OnOff;
	/** The status time of its group: `xInputsStatusTimestampIso` for expansion inputs, else `statusTimestampIso`. */
	timestampIso: string | null;
}

const GROUPS: Array<{ group: string; kind: IoKind; timestamp: string }> = [
	{ group: 'fOutputs', kind: 'output', timestamp: 'statusTimestampIso' },
	{ group: 'xOutputs', kind: 'output', timestamp: 'statusTimestampIso' },
	{ group: 'inputs', kind: 'input', timestamp: 'statusTimestampIso' },
	{ group: 'xInputs', kind: 'input', timestamp: 'xInputsStatusTimestampIso' },
];

/**
 * inferred: each IO item as `{ globalNumber, state }` with state `ON`/`OFF`; `true`/`false`, `1`/`0`
 * and `"1"`/`"0"` are read too, and a `status` or `value` key in place of `state`. Items that
 * cannot be read are left out.
 */
export function readIoStates(status: IDataObject): IoState[] {
	const states: IoState[] = [];
	for (const { group, kind, timestamp } of GROUPS) {
		const items = Array.isArray(status[group]) ? (status[group] as unknown[]) : [];
		const timestampIso = typeof status[timestamp] === 'string' ? (status[timestamp] as string) : null;
		for (const item of items) {
			if (!item || typeof item !== 'object') continue;
			const row = item as IDataObject;
			const globalNumber = typeof row.globalNumber === 'string' ? row.globalNumber.toUpperCase() : undefined;
			const state = onOff(row.state ?? row.status ?? row.value);
			if (globalNumber && state) states.push({ globalNumber, kind, group, state, timestampIso });
		}
	}
	return states;
}

function onOff(value: unknown): OnOff | undefined {
	if (value === true || value === 1) return 'ON';
	if (value === false || value === 0) return 'OFF';
	const text = String(value ?? '').trim().toUpperCase();
	if (text === 'ON' || text === '1' || text === 'TRUE') return 'ON';
	if (text === 'OFF' || text === '0' || text === 'FALSE') return 'OFF';
	return undefined;
}
