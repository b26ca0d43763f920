/**
 * The control status object returned by `GET /Control` and sent by `control.statusChanged`
 * webhooks (the doc: "the payload matches the Control status response"). Field names are the
 * doc's; the IO item shape and the raw status text are inferred.
 */
import { allIo } from './seed';
import { isoUtc, swedishLocal } from './time';
import type { IoState, OnOff, Unit } from './types';

// inferred: each IO state as `{ globalNumber, state }` with state ON/OFF
export interface IoStateItem {
	globalNumber: string;
	state: OnOff;
}

export interface ControlStatus {
	unitId: number;
	serialNumber: string;
	statusTimestamp: string;
	statusTimestampIso: string;
	rawStatus: string;
	inputs: IoStateItem[];
	fOutputs: IoStateItem[];
	xOutputs: IoStateItem[];
	xInputsStatusTimestamp: string | null;
	xInputsStatusTimestampIso: string | null;
	rawXInputsStatus: string | null;
	xInputs: IoStateItem[];
	isCached: boolean;
}

function items(names: string[], states: Record<string, OnOff>): IoStateItem[] {
	return names.map((globalNumber) => ({ globalNumber, state: states[globalNumber] ?? 'OFF' }));
}

const bits = (list: IoStateItem[]): string => list.map((item) => (item.state === 'ON' ? '1' : '0')).join('');

// inferred: raw ASTAT text, one bit per IO in globalNumber order
export function rawAstat(inputs: IoStateItem[], fOutputs: IoStateItem[], xOutputs: IoStateItem[]): string {
	const parts = [`ASTAT I:${bits(inputs)}`, `F:${bits(fOutputs)}`];
	if (xOutputs.length > 0) parts.push(`X:${bits(xOutputs)}`);
	return parts.join(' ');
}

/**
 * Pure: the status payload for a unit's IO state. `isCached` is true when the answer comes from
 * the server's stored last status rather than a message just received from the unit.
 */
// inferred: meaning of isCached (GET /Control and webhook tests: true; live ASTAT webhooks: false)
export function buildControlStatus(unit: Unit, io: IoState, options: { isCached: boolean }): ControlStatus {
	const names = allIo(unit);
	const inputs = items(names.inputs, io.inputs);
	const fOutputs = items(names.outputs.filter((name) => name.startsWith('F')), io.outputs);
	const xOutputs = items(names.outputs.filter((name) => name.startsWith('X')), io.outputs);
	const xInputs = items(names.xInputs, io.xInputs);
	const hasXInputs = xInputs.length > 0 && io.xInputsAtMs !== null;
	return {
		unitId: unit.unitId,
		serialNumber: unit.serialNumber,
		statusTimestamp: swedishLocal(io.statusAtMs),
		statusTimestampIso: isoUtc(io.statusAtMs),
		rawStatus: rawAstat(inputs, fOutputs, xOutputs),
		inputs,
		fOutputs,
		xOutputs,
		xInputsStatusTimestamp: hasXInputs ? swedishLocal(io.xInputsAtMs!) : null,
		xInputsStatusTimestampIso: hasXInputs ? isoUtc(io.xInputsAtMs!) : null,
		rawXInputsStatus: hasXInputs ? `XSTAT IX:${bits(xInputs)}` : null,
		xInputs,
		isCached: options.isCached,
	};
}
