import { defineResource } from '../../../shared/node-options';
import { create } from './create.operation';
import { deleteWebhook } from './delete.operation';
import { getMany } from './getMany.operation';

export const webhook = defineResource({ name: 'Webhook', value: 'webhook', description: 'Registrations for the unlock.* events FlexUnlock sends' }, [
	[{ name: 'Create', value: 'create', action: 'Create a webhook', description: 'Register a URL for unlock events' }, create],
	[{ name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Remove a webhook registration' }, deleteWebhook],
	[{ name: 'Get Many', value: 'getMany', action: 'Get many webhooks', description: 'List the webhook registrations of this API key' }, getMany],
]);
