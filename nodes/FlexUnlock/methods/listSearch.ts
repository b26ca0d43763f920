import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { webhookFields, webhookRows } from '../contract';
import { flexUnlockApi } from '../transport';

/** Webhook registrations of this API key, filtered by URL, event or ID. */
export async function searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const rows = webhookRows(this.getNode(), await flexUnlockApi(this).get('/webhooks')).map(webhookFields);
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
