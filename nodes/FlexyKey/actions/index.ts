import type { ResourceDefinition } from '../../shared/node-options';

/** Resources in the order the Resource dropdown lists them (it sorts by name). */
export const resources: ResourceDefinition[] = [];
