import type { IDataObject } from 'n8n-workflow';
import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { actionField, codeTagCalendarField, collectionInput, descriptionField, extraFieldsField, idNumberField, nameField, validFromField, validToField } from '../../fields/entry';
import { ENTRY_BODY_FIELDS, entryBody } from '../../entries/rules';
import { createEntry, onDuplicateField, type OnDuplicate } from '../../entries/write';
import { pushChanges, pushedSyncId, StatusPoller, waitFields, waitForSync, waitSettings, type SyncWaitResult } from '../../sync-wait';
import { generatePin, PIN_MAX_LENGTH, PIN_MIN_LENGTH, step } from './steps';
import type { FlexyKeyOperation } from '../../transport';
import { additionalFields, showFor } from '../../../shared/display';

const OPERATION = 'Grant Access';

export const grant: FlexyKeyOperation = {
	toolDescription:
		'Gives a person access to a FlexyKey unit with a PIN valid for a time window: creates the entry, generates a random PIN, pushes it to the unit and waits until the unit has it. Inputs: the unit ID (a number such as 3023); an ID number naming the person or booking (at most 20 characters, unique on the unit, e.g. a phone number or booking reference); the start and end of validity as ISO 8601 date-times (e.g. 2026-05-01T14:00:00Z). Returns the new entry with its entryId, the PIN to hand to the person, and the sync outcome. One person per call; an ID number that already has an entry on the unit is refused, not changed.',
	// Sequential on purpose: each item creates an entry and pushes the unit's pending changes.
	concurrent: false,
	properties: showFor('access', 'grant', [
		{ ...unitField(), hint: 'Creates a PIN entry, pushes it to the unit and (optionally) waits until the unit has it' },
		{
			...idNumberField,
			required: true,
			description: "The guest's phone number, a tag number or your own reference such as the booking ID: at most 20 characters, unique on the unit",
		},
		{ ...nameField, name: 'entryName' },
		{ ...actionField, name: 'entryAction', required: true },
		{ ...validFromField, required: true, hint: 'E.g. the booking\'s start: {{ $json.fromIso }}' },
		{ ...validToField, required: true, hint: 'E.g. the booking\'s end: {{ $json.toIso }}' },
		{
			displayName: 'PIN',
			name: 'pinSource',
			type: 'options',
			default: 'generate',
			options: [
				{ name: 'Generate', value: 'generate', description: 'A random PIN from a secure random generator' },
				{ name: 'Use Given PIN', value: 'given' },
			],
		},
		{
			displayName: 'PIN Length',
			name: 'pinLength',
			type: 'number',
			typeOptions: { minValue: PIN_MIN_LENGTH, maxValue: PIN_MAX_LENGTH },
			default: 6,
			description: 'Number of digits of the generated PIN (4-7)',
			displayOptions: { show: { pinSource: ['generate'] } },
		},
		{
			displayName: 'Given PIN',
			name: 'pin',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The PIN to use: 4-7 digits',
			displayOptions: { show: { pinSource: ['given'] } },
		},
		onDuplicateField(),
		{
			displayName: 'Wait for Sync',
			name: 'waitForSync',
			type: 'boolean',
			default: true,
			description: 'Whether to wait until the unit has received the entry (the sync completed) before outputting',
		},
		...waitFields({ waitForSync: [true] }),
		additionalFields([descriptionField, codeTagCalendarField, extraFieldsField]),
	]),
	async run(item) {
		// 1. Everything is checked before the first request.
		const pinSource = this.getNodeParameter('pinSource', item.index, 'generate') as string;
		let pin: string;
		if (pinSource === 'given') {
			pin = String(this.getNodeParameter('pin', item.index, '') ?? '').trim();
			if (pin === '') throw invalidInput(this, item, 'Given PIN', 'is required');
			if (!/^\d{4,7}$/.test(pin)) throw invalidInput(this, item, 'Given PIN', `must be ${PIN_MIN_LENGTH}-${PIN_MAX_LENGTH} digits (got ${pin.length} characters)`);
		} else if (pinSource === 'generate') {
			const length = Number(this.getNodeParameter('pinLength', item.index, 6));
			if (!Number.isInteger(length) || length < PIN_MIN_LENGTH || length > PIN_MAX_LENGTH) {
				throw invalidInput(this, item, 'PIN Length', `must be a whole number from ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH}`);
			}
			pin = generatePin(length);
		} else {
			throw invalidInput(this, item, 'PIN', `"${pinSource}" is not Generate or Use Given PIN`);
		}
		const additional = collectionInput(this, item, 'additionalFields');
		const fields = entryBody(
			this,
			item,
			{
				description: additional.description,
				codeTagCalendar: additional.codeTagCalendar,
				extraFields: additional.extraFields,
				idNumber: this.getNodeParameter('idNumber', item.index),
				name: this.getNodeParameter('entryName', item.index, ''),
				action: this.getNodeParameter('entryAction', item.index),
				codeTag: pin,
				validFromIso: this.getNodeParameter('validFromIso', item.index),
				validToIso: this.getNodeParameter('validToIso', item.index),
			},
			'create',
			// Grant Access sets the PIN with its own PIN fields
			{ ...ENTRY_BODY_FIELDS, codeTag: 'PIN' },
		);
		for (const [field, label] of [['validFromIso', 'Valid From'], ['validToIso', 'Valid To']] as const) {
			if (fields[field] === undefined) throw invalidInput(this, item, label, 'is required: access is granted for a window');
		}
		const onDuplicate = this.getNodeParameter('onDuplicate', item.index, 'error') as OnDuplicate;
		const wait = this.getNodeParameter('waitForSync', item.index, true) as boolean;
		const settings = waitSettings(this, item);
		const unitId = await unitIdOf(this, item);
		const startedAt = Date.now();
		const poller = new StatusPoller(this, item, unitId, settings.intervalMs, startedAt);

		// 2. Create the entry (or update the existing one, by option).
		const created = await step(this, item, OPERATION, 'Create ID Entry', undefined, () => createEntry(this, item, unitId, fields, onDuplicate));
		const entry = created.entry;
		const entryId = entry.id;
		const idNumber = String(fields.idNumber);
		const pending = `ID entry ${String(entryId)} (ID Number "${idNumber}") was ${created.updatedExisting ? 'updated' : 'created'} on unit ${unitId} and is pending sync: push changes later (Sync → Push Changes) or remove it (Access → Revoke Access).`;

		// 3. Push it to the unit (after a sync already running there, if any).
		const push = await step(this, item, OPERATION, 'Push Changes', pending, () =>
			pushChanges(this, item, unitId, { deadlineMs: startedAt + settings.timeoutMs, poller }),
		);

		// 4. Optionally wait until the unit has it.
		let sync: SyncWaitResult | null = null;
		if (wait) {
			const unconfirmed = `ID entry ${String(entryId)} (ID Number "${idNumber}") was ${created.updatedExisting ? 'updated' : 'created'} on unit ${unitId} and sync ${String(pushedSyncId(push))} was pushed, but the unit has not confirmed it: check Sync → Get Status, and push again if the sync failed.`;
			sync = await step(this, item, OPERATION, 'Wait for Sync', unconfirmed, () => waitForSync(this, item, poller, push, settings, startedAt));
		}

		const output: IDataObject = {
			unitId,
			entryId,
			idNumber,
			pin,
			validFromIso: fields.validFromIso,
			validToIso: fields.validToIso,
			synced: sync?.outcome === 'completed',
			updatedExisting: created.updatedExisting,
			entry,
			push,
			sync,
		};
		return output;
	},
};
