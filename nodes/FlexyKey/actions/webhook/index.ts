import { defineResource } from '../../../shared/node-options';
import { deleteWebhook } from './delete.operation';
import { getEvents } from './getEvents.operation';
import { getMany } from './getMany.operation';
import { sendTest } from './sendTest.operation';
import { upsert } from './upsert.operation';

export const webhook = defineResource({ name: 'Webhook', value: 'webhook', description: 'Callbacks the API sends when a unit reports a status change' }, [
	[{ name: 'Create or Update', value: 'upsert', action: 'Create or update a webhook', description: 'Create a new record, or update the current one if it already exists (upsert)' }, upsert],
	[{ name: 'Delete', value: 'delete', action: 'Delete a webhook', description: 'Delete the webhook of a unit and event' }, deleteWebhook],
	[{ name: 'Get Events', value: 'getEvents', action: 'Get webhook events', description: 'List the supported webhook events' }, getEvents],
	[{ name: 'Get Many', value: 'getMany', action: 'Get many webhooks', description: 'Get many webhooks of a unit' }, getMany],
	[{ name: 'Send Test', value: 'sendTest', action: 'Send a test webhook', description: 'Make the API call the configured URL once, marked as a test' }, sendTest],
]);
