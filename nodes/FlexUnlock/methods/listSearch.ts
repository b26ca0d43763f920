import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { apiRequest } from '../../shared/transport';
import { webhookFields, webhookRows } from '../contract';
import { flexUnlock } from '../transport';

/** Webhook registrations of this API key, filtered by URL, event or ID. */
export async function searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const rows = webhookRows(this.getNode(), await apiRequest.call(this, flexUnlock, { method: 'GET', path: '/webhooks', idempotent: true })).map(webhookFields);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = rows
		.map((row) => {
			const events = row.events.join(', ');
			return { name: `${row.url ?? 'Webhook'}${events ? ` (${events})` : ''}`, value: row.id ?? '', id: row.id ?? '' };
		})
		.filter((row) => row.value !== '' && (!needle || `${row.name} ${row.id}`.toLowerCase().includes(needle)))
		.map(({ name, value }) => ({ name, value }));
	return { results };
}
