/** Get Many helpers shared by every node: Return All / Limit fields, the limit they ask for, rows. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { FieldSpec } from './display';
import type { ItemScope } from './run-scope';
import { integerParameter } from './validation';

/** The "Return All" and "Limit" fields of a Get Many (`limit.max`: the largest page the API serves). */
export function returnAllFields(limit: { max?: number; hint?: string } = {}): FieldSpec[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: limit.max },
			default: 50,
			description: 'Max number of results to return',
			...(limit.hint ? { hint: limit.hint } : {}),
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The "Return All" / "Limit" pair as a row count (`undefined` = all), checked before any request. */
export function limitParameter(ctx: IExecuteFunctions, item: ItemScope, max?: number): number | undefined {
	if (ctx.getNodeParameter('returnAll', item.index, false) as boolean) return undefined;
	return integerParameter(ctx, item, 'Limit', ctx.getNodeParameter('limit', item.index, 50), { min: 1, max });
}

export function limitRows(rows: IDataObject[], limit: number | undefined): IDataObject[] {
	return limit === undefined ? rows : rows.slice(0, limit);
}

/**
 * One output item per row of a list answer; an object answer is one item. Rows that are not
 * objects (e.g. event names) become `{ [key]: value }`.
 */
export function toRows(body: unknown, key = 'value'): IDataObject[] {
	const list = Array.isArray(body) ? body : body === undefined || body === null || body === '' ? [] : [body];
	return list.map((row) => (typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as IDataObject) : { [key]: row as IDataObject[string] }));
}
