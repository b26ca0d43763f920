import type { IDataObject } from 'n8n-workflow';
import { integerParameter, invalidInput } from '../../../shared/validation';
import { unitField, unitTarget } from '../../fields/unit';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { confirmFields, confirmOutput, confirmSettings } from './confirm';
import { showFor } from '../../../shared/display';

/** The doc: "outputNumber can be F1, F2 or X1–X64". */
const OUTPUT_NUMBER = /^(F[12]|X([1-9]|[1-5]\d|6[0-4]))$/;
export const PULSE_MIN = 1;
export const PULSE_MAX = 99999;

/** `POST /Control`: ON, OFF or a pulse of 1–99999 seconds on one output, by unit ID or serial number. */
export const setOutput: FlexyKeyOperation = {
	toolDescription:
		'Switches one output (relay) of a FlexyKey access-control unit, e.g. to open a door or gate. Inputs: the unit ID (a number such as 3023), the output (F1 or F2 for the main relays, X1 to X64 for expansion outputs) and the action: ON, OFF, or a number of seconds (1 to 99999) to switch the output on and then off again. Returns the API\'s acknowledgement (unit, output, action) and, when confirmation waiting is on, whether the unit reported the new state. It switches exactly one output per call and does not check who is at the door.',
	properties: showFor('control', 'setOutput', [
		unitField(),
		{
			displayName: 'Output Name or ID',
			name: 'outputNumber',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getUnitOutputs', loadOptionsDependsOn: ['unit.value'] },
			required: true,
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'The output\'s globalNumber: F1, F2 (main relays) or X1–X64 (expansion outputs), as listed by Unit → Get',
			displayOptions: { show: { '@tool': [false] } },
		},
		{
			displayName: 'Action',
			name: 'outputAction',
			type: 'options',
			default: 'ON',
			options: [
				{ name: 'Off', value: 'OFF', description: 'Switch the output off' },
				{ name: 'On', value: 'ON', description: 'Switch the output on until told otherwise' },
				{ name: 'Pulse', value: 'PULSE', description: 'Switch the output on, then off after the given seconds' },
			],
			displayOptions: { show: { '@tool': [false] } },
		},
		// As an AI tool the same two parameters are text: n8n lets the model fill (✨ $fromAI) any field but a
		// dropdown, and a model names an output and an action as words anyway ("F1", "on", "60").
		{
			displayName: 'Output',
			name: 'outputNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'F1',
			description: 'The output\'s globalNumber: F1, F2 (main relays) or X1–X64 (expansion outputs)',
			displayOptions: { show: { '@tool': [true] } },
		},
		{
			displayName: 'Action',
			name: 'outputAction',
			type: 'string',
			default: 'ON',
			description: 'ON, OFF, or the seconds (1–99999) to switch the output on and then off again',
			displayOptions: { show: { '@tool': [true] } },
		},
		{
			displayName: 'Pulse Seconds',
			name: 'pulseSeconds',
			type: 'number',
			typeOptions: { minValue: PULSE_MIN, maxValue: PULSE_MAX, numberPrecision: 0 },
			default: 5,
			description: 'How long the output stays on, 1–99999 seconds',
			displayOptions: { show: { outputAction: ['PULSE'] } },
		},
		...confirmFields(),
	]),
	async run(item) {
		const target = unitTarget(this, item);
		const rawOutput = String(this.getNodeParameter('outputNumber', item.index, '') ?? '').trim();
		if (rawOutput === '') throw invalidInput(this, item, 'Output', 'is required: pick an output or give its globalNumber (F1, F2, X1–X64)');
		// inferred: identifiers are upper case on the wire (F1, X33); "x33" is taken to mean X33
		const outputNumber = rawOutput.toUpperCase();
		if (!OUTPUT_NUMBER.test(outputNumber)) {
			throw invalidInput(this, item, 'Output', `"${rawOutput}" is not an output: use F1, F2 or X1–X64 (the globalNumber from Unit → Get)`);
		}

		const rawAction = String(this.getNodeParameter('outputAction', item.index, 'ON') ?? '').trim().toUpperCase();
		let outputAction: string;
		if (rawAction === 'ON' || rawAction === 'OFF') outputAction = rawAction;
		else if (rawAction === 'PULSE' || /^\d+$/.test(rawAction)) {
			// An expression may give the pulse length itself as the action ("60").
			const seconds = rawAction === 'PULSE' ? this.getNodeParameter('pulseSeconds', item.index, undefined) : rawAction;
			// The API wants the seconds as a string of digits, "1"–"99999".
			outputAction = String(integerParameter(this, item, 'Pulse Seconds', seconds, { min: PULSE_MIN, max: PULSE_MAX }));
		} else {
			throw invalidInput(this, item, 'Action', `"${rawAction}" is not ON, OFF or Pulse`);
		}

		const confirm = confirmSettings(this, item);

		const body: IDataObject = { ...target, outputNumber, outputAction };
		const answer = (await flexyKeyApi(this, item).post('/Control', body)) as IDataObject;
		if (!confirm) return answer;
		return { ...answer, ...(await confirmOutput(this, item, target, outputNumber, outputAction, confirm)) };
	},
};
