/** Create / update / mark-for-deletion calls shared by the ID Entry operations and Access. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isHttpStatus } from '../../shared/client';
import { asNodeError } from '../../shared/executor';
import type { ItemScope } from '../../shared/run-scope';
import { flexyKeyApi } from '../transport';
import { entryFields, readEntry } from '../contract';
import { findEntryByIdNumber } from './rules';
import type { FieldSpec } from '../../shared/display';

export type OnDuplicate = 'error' | 'update';

export function onDuplicateField(): FieldSpec {
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
		return { entry: entryOf(await flexyKeyApi(ctx, item).post('/UnitIdEntries', body)), updatedExisting: false };
	} catch (error) {
		const conflict = asNodeError(ctx, error, item.index);
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
	return entryOf(await flexyKeyApi(ctx, item).put(`/UnitIdEntries/${entryId}`, { unitId, ...fields }));
}

/** The entry in a create/update answer, wherever the server put it; the answer itself when none is found. */
function entryOf(body: IDataObject): IDataObject {
	const entry = readEntry(body);
	return entry.ok ? entry.value : body;
}

/** `DELETE /UnitIdEntries/{id}?unitId=…`: marks the entry for deletion; the unit loses it at the next sync. */
export async function markEntryDeleted(ctx: IExecuteFunctions, item: ItemScope, unitId: number, entryId: number): Promise<IDataObject> {
	const body = await flexyKeyApi(ctx, item).delete(`/UnitIdEntries/${entryId}`, { qs: { unitId } });
	// inferred: the answer is the row as it now stands (or wraps it); an empty answer is reported plainly
	if (body && typeof body === 'object' && Object.keys(body).length > 0) return entryOf(body);
	return { id: entryId, unitId, unitSyncState: 'deleted' };
}
