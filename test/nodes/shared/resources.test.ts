/** Every resource list: each operation's fields are shown for the resource and operation its `[option, operation]` line names. */
import { resources as cekSafe } from '../../../nodes/CekSafe/actions';
import { resources as flexUnlock } from '../../../nodes/FlexUnlock/actions';
import { resources as flexyKey } from '../../../nodes/FlexyKey/actions';
import { defineResource, type ResourceDefinition } from '../../../nodes/shared/node-options';

const lines = (service: string, list: ResourceDefinition[]) =>
	list.flatMap((resource) => resource.operations.map(({ option, operation }) => [`${service} ${resource.value} ${String(option.value)}`, resource.value, option.value, operation] as const));

describe.each([
	['CekSafe', cekSafe],
	['FlexUnlock', flexUnlock],
	['FlexyKey', flexyKey],
])('%s', (service, list) => {
	test.each(lines(service, list))('%s: every field shown for exactly this resource and operation', (_label, resource, value, operation) => {
		for (const property of operation.properties) {
			expect(property.displayOptions?.show?.resource).toEqual([resource]);
			expect(property.displayOptions?.show?.operation).toEqual([value]);
		}
	});

	test('operation values are unique within each resource', () => {
		for (const resource of list) {
			const values = resource.operations.map(({ option }) => option.value);
			expect(new Set(values).size).toBe(values.length);
		}
	});
});

test('defineResource keeps the resource entry and pairs each option with its operation, in order', () => {
	const first = { properties: [], run: async () => ({}) };
	const second = { properties: [], run: async () => ({}) };
	const resource = defineResource({ name: 'Thing', value: 'thing', description: 'Things' }, [
		[{ name: 'Get', value: 'get', action: 'Get a thing', description: 'Get one' }, first],
		[{ name: 'Delete', value: 'delete', action: 'Delete a thing', description: 'Delete one' }, second],
	]);
	expect(resource).toMatchObject({ name: 'Thing', value: 'thing', description: 'Things' });
	expect(resource.operations.map(({ option, operation }) => [option.value, operation])).toEqual([
		['get', first],
		['delete', second],
	]);
});
