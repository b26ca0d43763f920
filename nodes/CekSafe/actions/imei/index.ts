import type { ResourceDefinition } from '../../../shared/node-options';
import { check } from './check.operation';

export const imei: ResourceDefinition = {
	name: 'IMEI',
	value: 'imei',
	operations: [
		{
			option: { name: 'Check', value: 'check', action: 'Check an IMEI', description: 'Verify an IMEI (status, blacklist, device, risk)' },
			operation: check,
		},
	],
};
