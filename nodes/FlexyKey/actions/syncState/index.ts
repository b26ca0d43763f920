import type { ResourceDefinition } from '../../../shared/node-options';
import { allUnitData } from './allUnitData.operation';
import { idEntries } from './idEntries.operation';
import { settings } from './settings.operation';

export const syncState: ResourceDefinition = {
	name: 'Sync State',
	value: 'syncState',
	description: 'Server-side tools: set what the server considers synced, changed or deleted (nothing is sent to the unit)',
	operations: [
		{
			option: { name: 'All Unit Data', value: 'allUnitData', action: 'Set the sync state of all unit data', description: 'Set the sync state of every ID entry and setting of a unit' },
			operation: allUnitData,
		},
		{
			option: { name: 'ID Entries', value: 'idEntries', action: 'Set the sync state of ID entries', description: 'Set the sync state of one or all ID entries of a unit' },
			operation: idEntries,
		},
		{
			option: { name: 'Settings', value: 'settings', action: 'Set the sync state of settings', description: 'Set the sync state of one or all approved settings of a unit' },
			operation: settings,
		},
	],
};
