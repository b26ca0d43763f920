import { defineResource } from '../../../shared/node-options';
import { check } from './check.operation';
import { validate } from './validate.operation';

export const imei = defineResource({ name: 'IMEI', value: 'imei', description: 'Verify IMEIs with CekSafe, or validate them offline' }, [
	[{ name: 'Check', value: 'check', action: 'Check an IMEI', description: 'Verify an IMEI (status, blacklist, device, risk)' }, check],
	[{ name: 'Validate', value: 'validate', action: 'Validate an IMEI offline', description: 'Check the format and check digit locally, without calling CekSafe, and split out TAC and serial' }, validate],
]);
