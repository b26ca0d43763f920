import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemScope } from '../../../shared/run-scope';
import { assertOrdered, dateTimeParameter } from '../../fields/time';
import { unitField, unitIdOf } from '../../fields/unit';
import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';
import { listRows } from '../../contract';
import { evvaUnitBehind } from '../../logs';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** A 400 from `GET /Logs` for an Evva unit becomes a clear "not available for Evva units" error. */
async function explainEvva(ctx: IExecuteFunctions, item: ItemScope, unitId: number, error: unknown): Promise<unknown> {
	const unitType = await evvaUnitBehind(flexyKeyApi(ctx, item), unitId, error);
	if (!unitType) return error;
	return new NodeOperationError(ctx.getNode(), `Logs are not available for Evva units: unit ${unitId} is an ${unitType} unit`, {
		itemIndex: item.index,
		description: 'The FlexyKey API provides logs for FlexyKey units only ("Evva logs are not available"). Pick a FlexyKey unit.',
	});
}

/**
 * `GET /Logs?unitId=…&from=…&to=…` (inferred path): the unit's events in the range, newest first,
 * at most 500 per call. Logs exist for FlexyKey units only ("Evva logs are not available").
 */
export const getMany: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('log', 'getMany', [
		unitField(),
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'Start of the range (ISO 8601). Without an offset it is read in the workflow\'s time zone.',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'End of the range (ISO 8601), after From. The API returns at most 500 rows per call, newest first.',
		},
		...returnAllFields(),
	]),
	async run(item) {
		const from = dateTimeParameter(this, item, 'From', this.getNodeParameter('from', item.index, ''), { required: true });
		const to = dateTimeParameter(this, item, 'To', this.getNodeParameter('to', item.index, ''), { required: true });
		assertOrdered(this, item, 'To', 'From', from, to);
		const limit = limitParameter(this, item);
		const unitId = await unitIdOf(this, item);
		const rows = await flexyKeyApi(this, item).get('/Logs', { unitId, from: from!.iso, to: to!.iso })
			.catch(async (error: unknown) => {
				throw await explainEvva(this, item, unitId, error);
			});
		return limitRows(listRows(this.getNode(), 'logs', rows, item.index), limit);
	},
};
