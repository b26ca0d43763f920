import type { ResourceDefinition } from '../../../shared/node-options';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

export const unit: ResourceDefinition = {
	name: 'Unit',
	value: 'unit',
	description: 'FlexyKey and Evva units and their IO (relays, inputs, expansions, sensors, counters)',
	operations: [
		{
			option: { name: 'Get', value: 'get', action: 'Get a unit', description: 'Get one unit with its IO structure' },
			operation: get,
		},
		{
			option: { name: 'Get Many', value: 'getMany', action: 'Get many units', description: 'Get many units' },
			operation: getMany,
		},
	],
};
