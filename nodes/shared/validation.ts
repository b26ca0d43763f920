/** Local input checks: each failure names the field and the item, and stops before any request. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemScope } from './executor';
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
