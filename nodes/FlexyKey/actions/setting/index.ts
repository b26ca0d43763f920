import { defineResource } from '../../../shared/node-options';
import { getDefinitions } from './getDefinitions.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const setting = defineResource({ name: 'Setting', value: 'setting', description: 'Approved unit settings (sent to the unit by the next push)' }, [
	[{ name: 'Get Definitions', value: 'getDefinitions', action: 'Get setting definitions', description: 'List the approved settings and their input rules' }, getDefinitions],
	[{ name: 'Get Many', value: 'getMany', action: 'Get many settings', description: 'Get many settings of a unit' }, getMany],
	[{ name: 'Update', value: 'update', action: 'Update a setting', description: 'Create or update one approved setting of a unit' }, update],
]);
