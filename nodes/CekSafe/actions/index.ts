import type { ResourceDefinition } from '../../shared/node-options';
import { history } from './history';
import { imei } from './imei';

export const resources: ResourceDefinition[] = [imei, history];
