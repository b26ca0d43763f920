import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { invalidInput } from '../../../shared/validation';
import { flexUnlock } from '../../transport';

const show = { resource: ['webhook'], operation: ['getMany'] };

/** `GET /webhooks` (inferred): one output item per webhook registration; secrets are never listed. */
export const getMany: Operation = {
	concurrent: true,
	properties: [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	] as INodeProperties[],
	async run(item) {
		const returnAll = this.getNodeParameter('returnAll', item.index, false) as boolean;
		const limit = returnAll ? undefined : Number(this.getNodeParameter('limit', item.index, 50));
		if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
			throw invalidInput(this, item, 'Limit', 'must be a whole number of at least 1');
		}
		const rows = webhookRows(await apiRequest.call(this, flexUnlock, { method: 'GET', path: '/webhooks', idempotent: true }, item));
		return limit === undefined ? rows : rows.slice(0, limit);
	},
};

/**
 * The webhooks in a list answer. inferred: the envelope is `{status, webhooks: [...]}`; a bare array
 * or a `data` list are accepted too, in case the real API differs.
 */
export function webhookRows(body: unknown): IDataObject[] {
	const envelope = body as { webhooks?: unknown; data?: unknown } | undefined;
	const list = Array.isArray(body) ? body : Array.isArray(envelope?.webhooks) ? envelope.webhooks : Array.isArray(envelope?.data) ? envelope.data : [];
	return (list as unknown[]).filter((row): row is IDataObject => typeof row === 'object' && row !== null && !Array.isArray(row));
}
