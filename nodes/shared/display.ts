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

/** The fields of a collection parameter in the order n8n's lint wants them: by display name. */
const byDisplayName = (fields: FieldSpec[]): FieldSpec[] => [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** n8n's "Additional Fields" collection: the optional body fields of a create-like call. */
export function additionalFields(options: FieldSpec[]): FieldSpec {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: byDisplayName(options) };
}

/** n8n's "Update Fields" collection: only the fields added to it are sent. */
export function updateFields(options: FieldSpec[], hint?: string): FieldSpec {
	const collection: FieldSpec = { displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, options: byDisplayName(options) };
	return hint === undefined ? collection : { ...collection, hint };
}

/** n8n's "Options" collection: settings of how a node or trigger works rather than what it sends. */
export function optionsCollection(options: FieldSpec[]): FieldSpec {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: byDisplayName(options) };
}

/** n8n's "Filters" collection: optional conditions of a list read. */
export function filtersCollection(options: FieldSpec[]): FieldSpec {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options: byDisplayName(options) };
}
