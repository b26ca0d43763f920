import { webhookRows } from '../../contract';
import { flexUnlockApi, type FlexUnlockOperation } from '../../transport';
import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';
import { showFor } from '../../../shared/display';

/** `GET /webhooks` (inferred): one output item per webhook registration; secrets are never listed. */
export const getMany: FlexUnlockOperation = {
	concurrent: true,
	properties: showFor('webhook', 'getMany', [
		...returnAllFields(),
	]),
	async run(item) {
		const limit = limitParameter(this, item);
		const rows = webhookRows(this.getNode(), await flexUnlockApi(this, item).get('/webhooks'), item.index);
		return limitRows(rows, limit);
	},
};
