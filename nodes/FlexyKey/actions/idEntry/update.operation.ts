import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import {
	actionField,
	codeTagCalendarField,
	codeTagField,
	collectionInput,
	descriptionField,
	extraFieldsField,
	idNumberField,
	nameField,
	validFromField,
	validToField,
} from '../../fields/entry';
import { entryBody, entryIdParameter } from '../../entries/rules';
import { updateEntry } from '../../entries/write';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

const updateFields = [idNumberField, nameField, descriptionField, actionField, codeTagField, codeTagCalendarField, validFromField, validToField, extraFieldsField]
	.map((field) => ({ ...field }))
	.sort((a, b) => a.displayName.localeCompare(b.displayName));

export const update: FlexyKeyOperation = {
	properties: showFor('idEntry', 'update', [
		unitField(),
		{
			displayName: 'Entry ID',
			name: 'entryId',
			type: 'number',
			typeOptions: { minValue: 1 },
			required: true,
			default: 0,
			description: 'ID of the ID entry, as Get Many or Create return it',
		},
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			hint: 'Only the fields added here change. An empty text field, or calendar 0, clears that field. Push changes afterwards to send them to the unit.',
			options: updateFields,
		},
	]),
	async run(item) {
		const entryId = entryIdParameter(this, item, this.getNodeParameter('entryId', item.index));
		const fields = entryBody(this, item, collectionInput(this, item, 'updateFields'), 'update');
		if (Object.keys(fields).length === 0) throw invalidInput(this, item, 'Update Fields', 'add at least one field to change');
		const unitId = await unitIdOf(this, item);
		return updateEntry(this, item, unitId, entryId, fields);
	},
};
