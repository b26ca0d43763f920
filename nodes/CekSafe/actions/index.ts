import type { ResourceDefinition } from '../../shared/node-options';
import { imei } from './imei';

export const resources: ResourceDefinition[] = [imei];
