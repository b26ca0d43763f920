import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { invalidInput } from '../../../shared/validation';
import { unitField, unitIdOf } from '../../fields/unit';
import { entryIdField } from '../../fields/entry';
import { entryFields } from '../../contract';
import { entryIdParameter, findEntryByIdNumber } from '../../entries/rules';
import { markEntryDeleted } from '../../entries/write';
import { pushChanges, pushedSyncId, StatusPoller, waitFields, waitForSync, waitSettings, type SyncWaitResult } from '../../sync-wait';
import { step } from './steps';
import type { FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

const OPERATION = 'Revoke Access';

export const revoke: FlexyKeyOperation = {
	toolDescription:
		'Takes a person\'s access away on a FlexyKey unit: marks their entry for deletion by the ID number used when access was granted, pushes that to the unit and waits until the unit has removed it. Inputs: the unit ID (a number such as 3023) and that ID number. Returns the entry removed and the sync outcome. It removes one entry per call and never touches entries with other ID numbers.',
	// Sequential on purpose: each item marks an entry and pushes the unit's pending changes.
	concurrent: false,
	properties: showFor('access', 'revoke', [
		{ ...unitField(), hint: 'Marks the entry for deletion, pushes that to the unit and (optionally) waits until the unit has removed it' },
		{
			displayName: 'Find Entry By',
			name: 'revokeBy',
			type: 'options',
			default: 'idNumber',
			options: [
				{ name: 'Entry ID', value: 'entryId', description: 'The entry ID that Grant Access or Create returned' },
				{ name: 'ID Number', value: 'idNumber', description: 'The ID number given when access was granted (e.g. the booking reference)' },
			],
		},
		entryIdField('ID of the ID entry, as Get Many, Create or Grant Access return it', { displayOptions: { show: { revokeBy: ['entryId'] } } }),
		{
			displayName: 'ID Number',
			name: 'idNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: '+46701234567',
			description: 'The exact ID number of the entry',
			displayOptions: { show: { revokeBy: ['idNumber'] } },
		},
		{
			displayName: 'Wait for Sync',
			name: 'waitForSync',
			type: 'boolean',
			default: true,
			description: 'Whether to wait until the unit has removed the entry (the sync completed) before outputting',
		},
		...waitFields({ waitForSync: [true] }),
	]),
	async run(item) {
		const by = this.getNodeParameter('revokeBy', item.index, 'idNumber') as string;
		let entryId: number | undefined;
		let idNumber: string | undefined;
		if (by === 'entryId') entryId = entryIdParameter(this, item, this.getNodeParameter('entryId', item.index));
		else if (by === 'idNumber') {
			idNumber = String(this.getNodeParameter('idNumber', item.index, '') ?? '').trim();
			if (idNumber === '') throw invalidInput(this, item, 'ID Number', 'is required');
			if (idNumber.length > 20) throw invalidInput(this, item, 'ID Number', `must be at most 20 characters (got ${idNumber.length})`);
		} else throw invalidInput(this, item, 'Find Entry By', `"${by}" is not Entry ID or ID Number`);
		const wait = this.getNodeParameter('waitForSync', item.index, true) as boolean;
		const settings = waitSettings(this, item);
		const unitId = await unitIdOf(this, item);
		const startedAt = Date.now();
		const poller = new StatusPoller(this, item, unitId, settings.intervalMs, startedAt);

		// 1. Find the entry by its ID number (exact match), unless its id was given.
		let entry: IDataObject | undefined;
		if (entryId === undefined) {
			const wanted = idNumber as string;
			const found = await step(this, item, OPERATION, 'Find ID Entry', 'Nothing was changed.', () => findEntryByIdNumber(this, item, unitId, wanted));
			if (found.live) entryId = Number(entryFields(found.live).id);
			else if (found.deleted) {
				// inferred: an entry already marked for deletion is not marked again; the push still runs
				entry = found.deleted;
				entryId = Number(entryFields(found.deleted).id);
			} else {
				throw new NodeOperationError(this.getNode(), `${OPERATION}: no ID entry with ID Number "${wanted}" on unit ${unitId}`, {
					itemIndex: item.index,
					description: 'Nothing was changed. The ID number must match exactly.',
				});
			}
		}
		const alreadyMarked = entry !== undefined;
		const id = entryId;

		// 2. Mark it for deletion on the server.
		entry ??= await step(this, item, OPERATION, 'Mark for Deletion', undefined, () => markEntryDeleted(this, item, unitId, id));
		idNumber ??= entry.idNumber === undefined ? undefined : String(entry.idNumber);
		const label = `ID entry ${id}${idNumber ? ` (ID Number "${idNumber}")` : ''}`;

		// 3. Push the deletion to the unit.
		const marked = `${label} is marked for deletion on the server but is still on unit ${unitId} until a sync: push changes later (Sync → Push Changes).`;
		const push = await step(this, item, OPERATION, 'Push Changes', marked, () =>
			pushChanges(this, item, unitId, { deadlineMs: startedAt + settings.timeoutMs, poller }),
		);

		// 4. Optionally wait until the unit has removed it.
		let sync: SyncWaitResult | null = null;
		if (wait) {
			const unconfirmed = `${label} is marked for deletion and sync ${String(pushedSyncId(push))} was pushed, but the unit has not confirmed it: the entry may still work on the unit. Check Sync → Get Status, and push again if the sync failed.`;
			sync = await step(this, item, OPERATION, 'Wait for Sync', unconfirmed, () => waitForSync(this, item, poller, push, settings, startedAt));
		}

		return { unitId, entryId: id, idNumber: idNumber ?? null, removed: sync?.outcome === 'completed', alreadyMarked, entry, push, sync };
	},
};
