/** Local input checks: each failure names the field and the item, and stops before any request. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';
import type { ItemScope } from './run-scope';
import { analyzeImei } from './imei';

export function invalidInput(ctx: IExecuteFunctions, item: ItemScope, field: string, problem: string, hint?: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field}: ${problem}`, {
		itemIndex: item.index,
		description: hint ?? `Fix "${field}" on item ${item.index} and run again. Nothing was sent.`,
	});
}

/**
 * The IMEI to send: formatting characters stripped, and, unless `validate` is off,
 * 15 digits with a correct check digit.
 */
export function imeiParameter(ctx: IExecuteFunctions, item: ItemScope, field: string, value: unknown, validate: boolean): string {
	const analysis = analyzeImei(value);
	if (analysis.imei === '') throw invalidInput(ctx, item, field, 'is required');
	if (validate && !analysis.valid) {
		throw invalidInput(
			ctx,
			item,
			field,
			`"${analysis.input}" is not a valid IMEI: ${analysis.reason}`,
			`Nothing was sent for item ${item.index}. To send IMEIs unchecked, turn off "Validate IMEI" in the node's options.`,
		);
	}
	return analysis.imei;
}

export function requiredString(ctx: IExecuteFunctions, item: ItemScope, field: string, value: unknown): string {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') throw invalidInput(ctx, item, field, 'is required');
	return text;
}

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

/** An absolute http(s) URL, trimmed. */
export function httpUrlParameter(ctx: IExecuteFunctions, item: ItemScope, field: string, value: unknown): string {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') throw invalidInput(ctx, item, field, 'is required');
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !/^https?:\/\//i.test(text)) {
		throw invalidInput(ctx, item, field, `"${text}" is not an absolute http(s) URL, e.g. https://example.com/webhook`);
	}
	return text;
}
