/** ID-entry field definitions shared by Create, Update and Access → Grant Access. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../shared/run-scope';
import type { EntryInput } from '../entries/rules';
import type { FieldSpec } from '../../shared/display';
import { extraFieldsOption } from '../../shared/extra-fields';

export const idNumberField: FieldSpec = {
	displayName: 'ID Number',
	name: 'idNumber',
	type: 'string',
	default: '',
	placeholder: '+46701234567',
	description: 'Phone number, tag number or other identifier of the entry, at most 20 characters. Unique on the unit.',
};

export const actionField: FieldSpec = {
	displayName: 'Action',
	name: 'action',
	type: 'string',
	default: 'R1',
	placeholder: 'R1',
	description: 'What the entry opens: a relay (R1, R2) or an access group (e.g. G13)',
};

export const validFromField: FieldSpec = {
	displayName: 'Valid From',
	name: 'validFromIso',
	type: 'dateTime',
	default: '',
	description: "Start of the validity window (ISO 8601). Without an offset it is read in the workflow's time zone; it is sent in UTC.",
};

export const validToField: FieldSpec = {
	displayName: 'Valid To',
	name: 'validToIso',
	type: 'dateTime',
	default: '',
	description: 'End of the validity window (ISO 8601), after Valid From',
};

export const nameField: FieldSpec = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'Name of the person or tag, at most 25 characters. Kept on the server only (not sent to the unit).',
};

export const descriptionField: FieldSpec = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'Free text, at most 25 characters. Kept on the server only (not sent to the unit).',
};

export const codeTagField: FieldSpec = {
	displayName: 'Code Tag (PIN)',
	name: 'codeTag',
	type: 'string',
	default: '',
	placeholder: '482913',
	description: 'PIN code or tag of 4-7 digits',
};

export const codeTagCalendarField: FieldSpec = {
	displayName: 'Code Tag Calendar',
	name: 'codeTagCalendar',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1,
	description: 'Calendar (by number) that limits when the PIN works. Only allowed together with a PIN in Code Tag.',
};

export const extraFieldsField: FieldSpec = extraFieldsOption();

/** The Entry ID field (a positive whole number), with the operation's own description and conditions. */
export function entryIdField(description: string, extra: Partial<FieldSpec> = {}): FieldSpec {
	return { displayName: 'Entry ID', name: 'entryId', type: 'number', typeOptions: { minValue: 1 }, required: true, default: 0, description, ...extra };
}

/** The fields given in a collection parameter, as rule input (absent keys stay `undefined`). */
export function collectionInput(ctx: IExecuteFunctions, item: ItemScope, parameter: string): EntryInput {
	return ctx.getNodeParameter(parameter, item.index, {}) as IDataObject as EntryInput;
}
