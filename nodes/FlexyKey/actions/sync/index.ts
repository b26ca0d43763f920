import { defineResource } from '../../../shared/node-options';
import { abort } from './abort.operation';
import { getStatus } from './getStatus.operation';
import { pushAndWait } from './pushAndWait.operation';
import { pushChanges } from './pushChanges.operation';

export const sync = defineResource({ name: 'Sync', value: 'sync', description: 'Send pending ID entry and setting changes to the physical unit' }, [
	[{ name: 'Abort', value: 'abort', action: 'Abort the active sync', description: 'Stop the active sync and clear its pending packets' }, abort],
	[{ name: 'Get Status', value: 'getStatus', action: 'Get the sync status', description: 'Read the current sync status of a unit' }, getStatus],
	[{ name: 'Push Changes', value: 'pushChanges', action: 'Push changes to a unit', description: 'Queue the pending changes for the unit and return at once' }, pushChanges],
	[{ name: 'Push Changes and Wait', value: 'pushAndWait', action: 'Push changes and wait for the sync', description: 'Push the pending changes, then wait until the sync completes, fails or times out' }, pushAndWait],
]);
