import type { ResourceDefinition } from '../../../shared/node-options';
import { getMany } from './getMany.operation';

export const log: ResourceDefinition = {
	name: 'Log',
	value: 'log',
	description: 'Event logs of FlexyKey units (not available for Evva units)',
	operations: [
		{
			option: { name: 'Get Many', value: 'getMany', action: 'Get many logs', description: 'Get many log rows of a unit in a date range' },
			operation: getMany,
		},
	],
};
