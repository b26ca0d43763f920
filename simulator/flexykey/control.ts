/**
 * Output state changes: ON/OFF and pulses (ON, then OFF after the given seconds). Each real change
 * is an ASTAT report from the unit, so it updates the status time, writes a log row and fires the
 * unit's `control.statusChanged` webhook.
 */
import type { ClockTimer } from '../core/clock';
import type { Runtime } from './runtime';
import type { WebhookDispatcher } from './webhook-delivery';
import type { OnOff, UnitRecord } from './types';

export class OutputController {
	private readonly pulses = new Map<string, ClockTimer>();

	constructor(
		private readonly rt: Runtime,
		private readonly webhooks: WebhookDispatcher,
	) {}

	/** Applies `ON`, `OFF` or a pulse length in seconds to one output. */
	command(record: UnitRecord, outputNumber: string, outputAction: string, username: string): void {
		// inferred: an offline unit accepts the command on the server but never acts on it
		if (!record.online) return;
		const unitId = record.unit.unitId;
		const key = `${unitId}:${outputNumber}`;
		this.rt.timers.cancel(this.pulses.get(key));
		this.pulses.delete(key);
		if (outputAction === 'ON' || outputAction === 'OFF') {
			this.rt.unitLog({ unitId, eventType: 'control', message: `Output ${outputNumber} set ${outputAction} via API by ${username}`, idNumber: null, outputNumber });
			this.setOutput(unitId, outputNumber, outputAction);
			return;
		}
		const seconds = Number(outputAction);
		this.rt.unitLog({ unitId, eventType: 'control', message: `Output ${outputNumber} pulsed for ${seconds} s via API by ${username}`, idNumber: null, outputNumber });
		this.setOutput(unitId, outputNumber, 'ON');
		const handle = this.rt.timers.after(seconds * 1000, () => {
			this.pulses.delete(key);
			this.setOutput(unitId, outputNumber, 'OFF');
		});
		this.pulses.set(key, handle);
	}

	/**
	 * The unit reports an input change (someone opened a door, pressed a button): main inputs move
	 * the status time, expansion inputs (IX…) the X-input status time. Same state, no report.
	 */
	reportInput(unitId: number, globalNumber: string, state: OnOff): void {
		const io = this.rt.state.io[unitId];
		const expansion = globalNumber.startsWith('IX');
		const states = expansion ? io.xInputs : io.inputs;
		if (!(globalNumber in states)) throw new Error(`unit ${unitId} has no input ${globalNumber}`);
		if (states[globalNumber] === state) return;
		states[globalNumber] = state;
		if (expansion) io.xInputsAtMs = this.rt.now();
		else io.statusAtMs = this.rt.now();
		this.rt.unitLog({ unitId, eventType: 'input', message: `Input ${globalNumber} changed to ${state}`, idNumber: null, outputNumber: null });
		this.webhooks.statusChanged(unitId);
	}

	/** Only a real change makes the unit report (ASTAT): same state, no event. // inferred */
	private setOutput(unitId: number, outputNumber: string, state: OnOff): void {
		const io = this.rt.state.io[unitId];
		if (io.outputs[outputNumber] === state) return;
		io.outputs[outputNumber] = state;
		io.statusAtMs = this.rt.now();
		this.rt.unitLog({ unitId, eventType: 'output', message: `Output ${outputNumber} changed to ${state}`, idNumber: null, outputNumber });
		this.webhooks.statusChanged(unitId);
	}

	reset(): void {
		this.pulses.clear();
	}
}
