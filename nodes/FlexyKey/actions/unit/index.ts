import { defineResource } from '../../../shared/node-options';
import { get } from './get.operation';
import { getMany } from './getMany.operation';

export const unit = defineResource({ name: 'Unit', value: 'unit', description: 'FlexyKey and Evva units and their IO (relays, inputs, expansions, sensors, counters)' }, [
	[{ name: 'Get', value: 'get', action: 'Get a unit', description: 'Get one unit with its IO structure' }, get],
	[{ name: 'Get Many', value: 'getMany', action: 'Get many units', description: 'Get many units' }, getMany],
]);
