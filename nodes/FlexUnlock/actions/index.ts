import type { ResourceDefinition } from '../../shared/node-options';

export const resources: ResourceDefinition[] = [];
