/**
 * `showFor`: the one way an operation shows its fields only for its resource and operation, in the
 * spirit of n8n's `updateDisplayOptions`: field builders and operation files write fields without
 * `displayOptions`, or with only the conditions of their own (e.g. `returnAll: [false]`), and the
 * operation wraps its list once.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** A field as builders write it: the resource/operation condition is added by `showFor`. */
export type FieldSpec = Omit<INodeProperties, 'displayOptions'> & { displayOptions?: IDisplayOptions };

/**
 * Each property shown only for `resource` and `operations`; conditions a property already has
 * (`show` on its own fields, `hide`) are kept and must hold as well.
 */
export function showFor(resource: string, operations: string | string[], properties: FieldSpec[]): INodeProperties[] {
	const scope = { resource: [resource], operation: Array.isArray(operations) ? operations : [operations] };
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...scope, ...property.displayOptions?.show } },
	}));
}
