import { webhookRows } from '../../contract';
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
		const rows = webhookRows(this.getNode(), await ctx.flexUnlock.get('/webhooks'), item.index);
		return limitRows(rows, limit);
	},
};
