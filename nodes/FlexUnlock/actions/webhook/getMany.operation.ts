import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { webhookRows } from '../../contract';
import { flexUnlock } from '../../transport';
import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';

const show = { resource: ['webhook'], operation: ['getMany'] };

/** `GET /webhooks` (inferred): one output item per webhook registration; secrets are never listed. */
export const getMany: Operation = {
	concurrent: true,
	properties: [
		...returnAllFields(show),
	] as INodeProperties[],
	async run(item) {
		const limit = limitParameter(this, item);
		const rows = webhookRows(this.getNode(), await apiRequest.call(this, flexUnlock, { method: 'GET', path: '/webhooks', idempotent: true }, item), item.index);
		return limitRows(rows, limit);
	},
};
