import { defineResource } from '../../../shared/node-options';
import { allUnitData } from './allUnitData.operation';
import { idEntries } from './idEntries.operation';
import { settings } from './settings.operation';

export const syncState = defineResource({ name: 'Sync State', value: 'syncState', description: 'Server-side tools: set what the server considers synced, changed or deleted (nothing is sent to the unit)' }, [
	[{ name: 'All Unit Data', value: 'allUnitData', action: 'Set the sync state of all unit data', description: 'Set the sync state of every ID entry and setting of a unit' }, allUnitData],
	[{ name: 'ID Entries', value: 'idEntries', action: 'Set the sync state of ID entries', description: 'Set the sync state of one or all ID entries of a unit' }, idEntries],
	[{ name: 'Settings', value: 'settings', action: 'Set the sync state of settings', description: 'Set the sync state of one or all approved settings of a unit' }, settings],
]);
