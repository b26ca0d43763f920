/** showFor: the resource/operation condition added to every field, the field's own conditions kept. */
import { additionalFields, filtersCollection, optionsCollection, showFor, updateFields } from '../../../nodes/shared/display';

test('adds resource and operation to fields without displayOptions', () => {
	const [field] = showFor('unit', 'get', [{ displayName: 'Unit', name: 'unit', type: 'string', default: '' }]);
	expect(field.displayOptions).toEqual({ show: { resource: ['unit'], operation: ['get'] } });
});

test('keeps a field\'s own show conditions and hide, and takes several operations', () => {
	const [limit, value] = showFor('log', ['getMany', 'getAll'], [
		{ displayName: 'Limit', name: 'limit', type: 'number', default: 50, displayOptions: { show: { returnAll: [false] } } },
		{ displayName: 'Value', name: 'value', type: 'string', default: '', displayOptions: { hide: { setting: ['WifiPassword'] } } },
	]);
	expect(limit.displayOptions).toEqual({ show: { resource: ['log'], operation: ['getMany', 'getAll'], returnAll: [false] } });
	expect(value.displayOptions).toEqual({ show: { resource: ['log'], operation: ['getMany', 'getAll'] }, hide: { setting: ['WifiPassword'] } });
});

test('does not change the fields it is given (builders may hand out shared objects)', () => {
	const shared = { displayName: 'Unit', name: 'unit', type: 'string' as const, default: '' };
	showFor('unit', 'get', [shared]);
	expect(shared).not.toHaveProperty('displayOptions');
});

describe('collections', () => {
	const field = (displayName: string) => ({ displayName, name: displayName.toLowerCase(), type: 'string' as const, default: '' });

	test('Additional Fields, Update Fields, Filters and Options: n8n\'s names and placeholders, options sorted by display name', () => {
		const options = [field('Name'), field('Description'), field('Extra Body Fields (JSON)')];
		const sorted = ['Description', 'Extra Body Fields (JSON)', 'Name'];
		for (const [collection, displayName, name, placeholder] of [
			[additionalFields(options), 'Additional Fields', 'additionalFields', 'Add Field'],
			[updateFields(options), 'Update Fields', 'updateFields', 'Add Field'],
			[filtersCollection(options), 'Filters', 'filters', 'Add Filter'],
			[optionsCollection(options), 'Options', 'options', 'Add Option'],
		] as const) {
			expect(collection).toMatchObject({ displayName, name, type: 'collection', placeholder, default: {} });
			expect((collection.options as Array<{ displayName: string }>).map((option) => option.displayName)).toEqual(sorted);
		}
		expect(options.map((option) => option.displayName)).toEqual(['Name', 'Description', 'Extra Body Fields (JSON)']);
	});

	test('Update Fields carries a hint only when given one', () => {
		expect(updateFields([field('Name')])).not.toHaveProperty('hint');
		expect(updateFields([field('Name')], 'Only the fields added here change.')).toMatchObject({ hint: 'Only the fields added here change.' });
	});
});
