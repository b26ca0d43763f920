import { defineResource } from '../../../shared/node-options';
import { getMany } from './getMany.operation';

export const history = defineResource({ name: 'History', value: 'history', description: 'The checks made with this API key' }, [
	[{ name: 'Get Many', value: 'getMany', action: 'Get many checks from the history', description: 'List past checks, newest first' }, getMany],
]);
