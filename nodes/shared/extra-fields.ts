/**
 * "Extra Body Fields (JSON)": the one escape hatch for body fields a node has no field for (the vendor
 * docs leave several bodies open). One display name, one parser, one clash policy (docs/nodes/common.md):
 * unknown keys pass through as they are; a key the node itself sends from one of its own fields is
 * refused, naming the field to use instead, so the JSON can never silently override a checked value
 * (an entry's validity window, a booking's period, a webhook's secret).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { FieldSpec } from './display';
import type { ItemScope } from './run-scope';
import { invalidInput, jsonObjectParameter } from './validation';

export const EXTRA_FIELDS_DISPLAY_NAME = 'Extra Body Fields (JSON)';

/** The body keys a node sends from its own fields, each with the display name of that field. */
export type OwnBodyFields = Readonly<Record<string, string>>;

/**
 * The option, for an "Additional Fields" or "Update Fields" collection. `name` is the parameter's
 * internal name, kept as it was where saved workflows use another one (bookings: `customFields`).
 */
export function extraFieldsOption(name = 'extraFields'): FieldSpec {
	return {
		displayName: EXTRA_FIELDS_DISPLAY_NAME,
		name,
		type: 'json',
		default: '{}',
		description:
			"A JSON object of fields added to the request body as they are, for fields this node has no field for. A key one of the node's own fields sends is refused: use that field.",
	};
}

/**
 * The parsed option: `{}` when empty; an error naming the field and the item for invalid JSON, a
 * non-object, or a key in `own` (checked locally, so nothing is sent).
 */
export function extraBodyFields(ctx: IExecuteFunctions, item: ItemScope, raw: unknown, own: OwnBodyFields): IDataObject {
	const fields = jsonObjectParameter(ctx, item, EXTRA_FIELDS_DISPLAY_NAME, raw);
	const clash = Object.keys(fields).find((key) => Object.prototype.hasOwnProperty.call(own, key));
	if (clash !== undefined) {
		throw invalidInput(ctx, item, EXTRA_FIELDS_DISPLAY_NAME, `must not set "${clash}": use the node's field "${own[clash]}" instead`);
	}
	return fields;
}
