import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { webhookRows } from '../actions/webhook/getMany.operation';
import { flexUnlockApi } from '../transport';

/** Webhook registrations of this API key, filtered by URL, event or ID. */
export async function searchWebhooks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const rows = webhookRows(await flexUnlockApi(this).get('/webhooks'));
	const needle = (filter ?? '').trim().toLowerCase();
	const results = rows
		.map((row) => {
			const events = Array.isArray(row.events) ? row.events.join(', ') : '';
			return { name: `${String(row.url ?? 'Webhook')}${events ? ` (${events})` : ''}`, value: String(row.id ?? ''), id: String(row.id ?? '') };
		})
		.filter((row) => row.value !== '' && (!needle || `${row.name} ${row.id}`.toLowerCase().includes(needle)))
		.map(({ name, value }) => ({ name, value }));
	return { results };
}
