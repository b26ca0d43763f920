/** The sync-state choice shared by the three Tools operations, and the Tools call. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { invalidInput } from '../../../shared/validation';
import { flexyKeyApi } from '../../transport';
import type { FieldSpec } from '../../../shared/display';

// inferred (API-NOTES B): the values the Tools endpoints accept
export const UNIT_SYNC_STATES = ['changed', 'deleted', 'synced'] as const;

export function syncStateField(): FieldSpec {
	return {
		displayName: 'Sync State',
		name: 'unitSyncState',
		type: 'options',
		default: 'changed',
		options: [
			{ name: 'Changed', value: 'changed', description: 'Pending: sent to the unit again at the next Push Changes' },
			{ name: 'Deleted', value: 'deleted', description: 'Marked for deletion: removed from the unit at the next Push Changes' },
			{ name: 'Synced', value: 'synced', description: 'Considered already on the unit: not sent at the next push' },
		],
		description: 'What the server should consider the rows to be. Only the server changes; nothing is sent to the unit.',
		hint: 'Server-side maintenance, e.g. "Changed" to resend everything to a replaced unit; follow with Push Changes',
	};
}

/** Whether "Apply To" names one row. */
export const appliesToOne = (ctx: IExecuteFunctions, item: ItemScope): boolean => ctx.getNodeParameter('syncStateScope', item.index, 'all') === 'one';

export function syncStateValue(ctx: IExecuteFunctions, item: ItemScope): string {
	const value = String(ctx.getNodeParameter('unitSyncState', item.index) ?? '').trim();
	if (!(UNIT_SYNC_STATES as readonly string[]).includes(value)) {
		throw invalidInput(ctx, item, 'Sync State', `"${value}" is not one of ${UNIT_SYNC_STATES.join(', ')}`);
	}
	return value;
}

export function postTool(ctx: IExecuteFunctions, item: ItemScope, path: string, body: IDataObject): Promise<IDataObject> {
	return flexyKeyApi(ctx, item).post(path, body);
}
