/** Small FlexyKey call and error helpers shared by the ID Entry, Sync, Sync State and Access operations. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/executor';
import { apiRequest, type ApiCall } from '../../../shared/transport';
import { flexyKey } from '../../transport';

/** One FlexyKey call whose answer is output as the API gave it. */
export function callFlexyKey(ctx: IExecuteFunctions, item: ItemScope, call: ApiCall): Promise<IDataObject> {
	return apiRequest.call(ctx, flexyKey, call, item) as Promise<IDataObject>;
}

export const isHttpStatus = (error: unknown, status: number): boolean =>
	error instanceof NodeApiError && String(error.httpCode) === String(status);

/** The error as n8n wants it thrown: API and input errors as they are, anything else wrapped. */
export function nodeError(ctx: IExecuteFunctions, item: ItemScope, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: item.index });
}
