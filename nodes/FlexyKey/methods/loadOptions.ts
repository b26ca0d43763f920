import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

/** Dropdown loaders (outputs of the chosen unit, info types, setting definitions, webhook events). */
export const loadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {};
