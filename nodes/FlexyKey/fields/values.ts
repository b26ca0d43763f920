/** Small local checks and output shaping shared by the FlexyKey operations. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';
import type { ItemScope } from '../../shared/executor';
import { invalidInput } from '../../shared/validation';

/** A whole number within bounds (IDs, limits), from a number or a digit string. */
export function integerParameter(
	ctx: IExecuteFunctions,
	item: ItemScope,
	field: string,
	value: unknown,
	bounds: { min?: number; max?: number } = {},
): number {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') throw invalidInput(ctx, item, field, 'is required');
	if (!/^-?\d+$/.test(text)) throw invalidInput(ctx, item, field, `"${text}" is not a whole number`);
	const number = Number(text);
	const { min, max } = bounds;
	if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
		const range = min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `at least ${min}` : `at most ${max}`;
		throw invalidInput(ctx, item, field, `must be ${range}, got ${text}`);
	}
	return number;
}

/** A JSON-object parameter (text or an object from an expression); `{}` when empty. */
export function jsonObjectParameter(ctx: IExecuteFunctions, item: ItemScope, field: string, value: unknown): IDataObject {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = jsonParse(value);
		} catch {
			throw invalidInput(ctx, item, field, 'is not valid JSON');
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw invalidInput(ctx, item, field, 'must be a JSON object, e.g. {"reference": "A-17"}');
	}
	return parsed as IDataObject;
}

/**
 * One output item per row of a list answer; an object answer is one item. Rows that are not
 * objects (e.g. event names) become `{ [key]: value }`.
 */
export function toRows(body: unknown, key = 'value'): IDataObject[] {
	const list = Array.isArray(body) ? body : body === undefined || body === null || body === '' ? [] : [body];
	return list.map((row) => (typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as IDataObject) : { [key]: row as IDataObject[string] }));
}

/** The "Return All" / "Limit" pair as a row count (`undefined` = all), checked before any request. */
export function limitParameter(ctx: IExecuteFunctions, item: ItemScope): number | undefined {
	if (ctx.getNodeParameter('returnAll', item.index, false) as boolean) return undefined;
	return integerParameter(ctx, item, 'Limit', ctx.getNodeParameter('limit', item.index, 50), { min: 1 });
}

export function limitRows(rows: IDataObject[], limit: number | undefined): IDataObject[] {
	return limit === undefined ? rows : rows.slice(0, limit);
}

/** "Return All" and "Limit" for a Get Many whose list the API sends whole (the cut is local). */
export function returnAllFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}
