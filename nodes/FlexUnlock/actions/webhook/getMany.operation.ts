import type { IDataObject } from 'n8n-workflow';
import type { FlexUnlockOperation } from '../../transport';
import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';
import { showFor } from '../../../shared/display';

/** `GET /webhooks` (inferred): one output item per webhook registration; secrets are never listed. */
export const getMany: FlexUnlockOperation = {
	concurrent: true,
	properties: showFor('webhook', 'getMany', [
		...returnAllFields(),
	]),
	async run(item, ctx) {
		const limit = limitParameter(this, item);
		const rows = webhookRows(await ctx.flexUnlock.get('/webhooks'));
		return limitRows(rows, limit);
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
