import type { ResourceDefinition } from '../../shared/node-options';
import { unlock } from './unlock';
import { webhook } from './webhook';

export const resources: ResourceDefinition[] = [unlock, webhook];
