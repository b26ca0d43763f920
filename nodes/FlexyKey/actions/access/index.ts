import { defineResource } from '../../../shared/node-options';
import { grant } from './grant.operation';
import { revoke } from './revoke.operation';

export const access = defineResource({ name: 'Access', value: 'access', description: 'Grant or revoke time-limited PIN access in one step (entry, push, wait), e.g. from bookings' }, [
	[{ name: 'Grant Access', value: 'grant', action: 'Grant time limited PIN access', description: 'Create a PIN entry valid for a window, push it to the unit and optionally wait until it is there' }, grant],
	[{ name: 'Revoke Access', value: 'revoke', action: 'Revoke access', description: 'Mark an entry for deletion, push that to the unit and optionally wait until it is gone' }, revoke],
]);
