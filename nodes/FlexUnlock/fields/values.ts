/** Small local checks shared by the FlexUnlock operations. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';
import type { ItemScope } from '../../shared/executor';
import { invalidInput } from '../../shared/validation';

/** A JSON-object parameter (text, or an object from an expression); `{}` when empty. */
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
