import { defineResource } from '../../../shared/node-options';
import { getStatus } from './getStatus.operation';
import { setOutput } from './setOutput.operation';

export const control = defineResource({ name: 'Control', value: 'control', description: 'Switch outputs and read the IO state of a unit' }, [
	[{ name: 'Set Output', value: 'setOutput', action: 'Set an output', description: 'Switch an output ON or OFF, or pulse it for some seconds' }, setOutput],
	[{ name: 'Get IO Status', value: 'getStatus', action: 'Get the IO status of a unit', description: 'Read the current state of the unit\'s inputs and outputs' }, getStatus],
]);
