import { defineResource } from '../../../shared/node-options';
import { getMany } from './getMany.operation';

export const log = defineResource({ name: 'Log', value: 'log', description: 'Event logs of FlexyKey units (not available for Evva units)' }, [
	[{ name: 'Get Many', value: 'getMany', action: 'Get many logs', description: 'Get many log rows of a unit in a date range' }, getMany],
]);
