/** Create / update / mark-for-deletion calls shared by the ID Entry operations and Access. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/executor';
import { callFlexyKey, isHttpStatus, nodeError } from './api';
import { entryFields } from '../../contract';
import { findEntryByIdNumber } from './rules';

export type OnDuplicate = 'error' | 'update';

export function onDuplicateField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'On Duplicate',
		name: 'onDuplicate',
		type: 'options',
		default: 'error',
		options: [
			{ name: 'Error', value: 'error', description: 'Fail the item when the unit already has an entry with this ID number' },
			{ name: 'Update Existing', value: 'update', description: 'Find the entry with this ID number and update it with the fields given here' },
		],
		description: 'What to do when the unit already has an entry with this ID number (the API answers 409 Conflict)',
		displayOptions: { show },
	};
}

export interface CreateResult {
	entry: IDataObject;
	/** True when the entry existed and was updated instead ("Update Existing"). */
	updatedExisting: boolean;
}

/**
 * `POST /UnitIdEntries`; on 409 either a clear duplicate error, or (Update Existing) the entry with
 * that idNumber found by search and updated with `PUT /UnitIdEntries/{id}`.
 */
export async function createEntry(
	ctx: IExecuteFunctions,
	item: ItemScope,
	unitId: number,
	fields: IDataObject,
	onDuplicate: OnDuplicate,
): Promise<CreateResult> {
	const body = { unitId, ...fields };
	try {
		return { entry: await callFlexyKey(ctx, item, { method: 'POST', path: '/UnitIdEntries', body }), updatedExisting: false };
	} catch (error) {
		const conflict = nodeError(ctx, item, error);
		if (!isHttpStatus(conflict, 409)) throw conflict;
		const idNumber = String(fields.idNumber);
		if (onDuplicate !== 'update') {
			conflict.message = `ID Number "${idNumber}" already exists on unit ${unitId} (${conflict.message})`;
			conflict.description = 'Nothing was created. To update the existing entry instead, set "On Duplicate" to "Update Existing".';
			throw conflict;
		}
		const { live } = await findEntryByIdNumber(ctx, item, unitId, idNumber);
		if (!live) {
			throw new NodeOperationError(ctx.getNode(), `ID Number "${idNumber}" is reported as a duplicate on unit ${unitId}, but no entry with it was found to update`, {
				itemIndex: item.index,
				description: `The create answered: ${conflict.message}. Nothing was changed.`,
			});
		}
		// inferred: "Update Existing" sends only the fields given; the others keep their stored values
		const entry = await updateEntry(ctx, item, unitId, Number(entryFields(live).id), fields);
		return { entry, updatedExisting: true };
	}
}

export async function updateEntry(ctx: IExecuteFunctions, item: ItemScope, unitId: number, entryId: number, fields: IDataObject): Promise<IDataObject> {
	return callFlexyKey(ctx, item, { method: 'PUT', path: `/UnitIdEntries/${entryId}`, body: { unitId, ...fields } });
}

/** `DELETE /UnitIdEntries/{id}?unitId=…`: marks the entry for deletion; the unit loses it at the next sync. */
export async function markEntryDeleted(ctx: IExecuteFunctions, item: ItemScope, unitId: number, entryId: number): Promise<IDataObject> {
	const body = await callFlexyKey(ctx, item, { method: 'DELETE', path: `/UnitIdEntries/${entryId}`, qs: { unitId } });
	// inferred: the simulator answers with the row as it now stands; an empty answer is reported plainly
	if (body && typeof body === 'object' && Object.keys(body).length > 0) return body;
	return { id: entryId, unitId, unitSyncState: 'deleted' };
}
