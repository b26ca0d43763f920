import { defineResource } from '../../../shared/node-options';
import { getMessages } from './getMessages.operation';
import { getTypes } from './getTypes.operation';
import { request } from './request.operation';
import { requestAndWait } from './requestAndWait.operation';

export const unitInfo = defineResource({ name: 'Unit Info', value: 'unitInfo', description: 'Approved CHECK commands sent to a unit, and the answers it sent back' }, [
	[{ name: 'Get Types', value: 'getTypes', action: 'Get the unit info catalog', description: 'List the approved command types and profiles' }, getTypes],
	[{ name: 'Request', value: 'request', action: 'Request unit info', description: 'Queue one command type or one profile; the answer arrives later' }, request],
	[{ name: 'Request and Wait', value: 'requestAndWait', action: 'Request unit info and wait for the answer', description: 'Queue a command or profile, then wait until the unit\'s newer answer arrives' }, requestAndWait],
	[{ name: 'Get Messages', value: 'getMessages', action: 'Get unit messages', description: 'Latest answers from the unit, newest first' }, getMessages],
]);
