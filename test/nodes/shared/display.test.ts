/** showFor: the resource/operation condition added to every field, the field's own conditions kept. */
import { showFor } from '../../../nodes/shared/display';

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
