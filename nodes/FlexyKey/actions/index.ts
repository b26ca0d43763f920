import type { ResourceDefinition } from '../../shared/node-options';
import { access } from './access';
import { booking } from './booking';
import { control } from './control';
import { idEntry } from './idEntry';
import { log } from './log';
import { setting } from './setting';
import { sync } from './sync';
import { syncState } from './syncState';
import { unit } from './unit';
import { unitInfo } from './unitInfo';
import { webhook } from './webhook';

/** Resources in the order the Resource dropdown lists them (it sorts by name). */
export const resources: ResourceDefinition[] = [
	unit,
	control,
	unitInfo,
	idEntry,
	setting,
	sync,
	syncState,
	webhook,
	log,
	booking,
	access,
];
