import type { ResourceDefinition } from '../../../shared/node-options';
import { create } from './create.operation';
import { deleteWebhook } from './delete.operation';
import { getMany } from './getMany.operation';

export const webhook: ResourceDefinition = {
	name: 'Webhook',
	value: 'webhook',
	description: 'Registrations for the unlock.* events FlexUnlock sends',
	operations: [
		{
			option: { name: 'Create', value: 'create', action: 'Create a webhook', description: 'Register a URL for unlock events' },
			operation: create,
		},
		{
			option: { name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Remove a webhook registration' },
			operation: deleteWebhook,
		},
		{
			option: { name: 'Get Many', value: 'getMany', action: 'Get many webhooks', description: 'List the webhook registrations of this API key' },
			operation: getMany,
		},
	],
};
