import type { ResourceDefinition } from '../../../shared/node-options';
import { getMany } from './getMany.operation';

export const history: ResourceDefinition = {
	name: 'History',
	value: 'history',
	description: 'The checks made with this API key',
	operations: [
		{
			option: { name: 'Get Many', value: 'getMany', action: 'Get many checks from the history', description: 'List past checks, newest first' },
			operation: getMany,
		},
	],
};
