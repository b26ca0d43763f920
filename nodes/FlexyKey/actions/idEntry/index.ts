import { defineResource } from '../../../shared/node-options';
import { create } from './create.operation';
import { deleteEntry } from './delete.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const idEntry = defineResource({ name: 'ID Entry', value: 'idEntry', description: 'The unit access list: phone numbers, PIN codes and tags' }, [
	[{ name: 'Create', value: 'create', action: 'Create an ID entry', description: 'Add a phone number, PIN or tag to a unit (pending until pushed)' }, create],
	[{ name: 'Delete', value: 'delete', action: 'Mark an ID entry for deletion', description: 'Mark an entry for deletion (removed from the unit at the next push)' }, deleteEntry],
	[{ name: 'Get Many', value: 'getMany', action: 'Get many ID entries', description: 'List or search the ID entries of a unit' }, getMany],
	[{ name: 'Update', value: 'update', action: 'Update an ID entry', description: 'Change fields of an ID entry (pending until pushed)' }, update],
]);
