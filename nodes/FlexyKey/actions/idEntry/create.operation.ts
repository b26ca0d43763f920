import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { actionField, codeTagCalendarField, codeTagField, collectionInput, descriptionField, extraFieldsField, idNumberField, nameField, validFromField, validToField } from '../../fields/entry';
import { createEntry, onDuplicateField, type OnDuplicate } from '../../entries/write';
import { entryBody } from '../../entries/rules';
import type { FlexyKeyOperation } from '../../transport';
import { additionalFields, showFor } from '../../../shared/display';

export const create: FlexyKeyOperation = {
	properties: showFor('idEntry', 'create', [
		unitField(),
		{ ...idNumberField, required: true },
		{ ...actionField, name: 'entryAction', required: true },
		onDuplicateField(),
		additionalFields([nameField, descriptionField, codeTagField, codeTagCalendarField, validFromField, validToField, extraFieldsField]),
	]),
	async run(item) {
		const body = entryBody(
			this,
			item,
			{
				...collectionInput(this, item, 'additionalFields'),
				idNumber: this.getNodeParameter('idNumber', item.index),
				action: this.getNodeParameter('entryAction', item.index),
			},
			'create',
		);
		const onDuplicate = this.getNodeParameter('onDuplicate', item.index, 'error') as OnDuplicate;
		if (onDuplicate !== 'error' && onDuplicate !== 'update') throw invalidInput(this, item, 'On Duplicate', `"${String(onDuplicate)}" is not Error or Update Existing`);
		const unitId = await unitIdOf(this, item);
		return (await createEntry(this, item, unitId, body, onDuplicate)).entry;
	},
};
