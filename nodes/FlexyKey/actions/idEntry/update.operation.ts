import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { actionField, codeTagCalendarField, codeTagField, collectionInput, descriptionField, entryIdField, extraFieldsField, idNumberField, nameField, validFromField, validToField } from '../../fields/entry';
import { entryBody, entryIdParameter } from '../../entries/rules';
import { updateEntry } from '../../entries/write';
import type { FlexyKeyOperation } from '../../transport';
import { showFor, updateFields } from '../../../shared/display';

export const update: FlexyKeyOperation = {
	properties: showFor('idEntry', 'update', [
		unitField(),
		entryIdField('ID of the ID entry, as Get Many or Create return it'),
		updateFields(
			[idNumberField, nameField, descriptionField, actionField, codeTagField, codeTagCalendarField, validFromField, validToField, extraFieldsField],
			'Only the fields added here change. An empty text field, or calendar 0, clears that field. Push changes afterwards to send them to the unit.',
		),
	]),
	async run(item) {
		const entryId = entryIdParameter(this, item, this.getNodeParameter('entryId', item.index));
		const fields = entryBody(this, item, collectionInput(this, item, 'updateFields'), 'update');
		if (Object.keys(fields).length === 0) throw invalidInput(this, item, 'Update Fields', 'add at least one field to change');
		const unitId = await unitIdOf(this, item);
		return updateEntry(this, item, unitId, entryId, fields);
	},
};
