import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ItemScope, Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { assertOrdered, dateTimeParameter } from '../../fields/time';
import { unitField, unitIdOf } from '../../fields/unit';
import { limitParameter, limitRows, returnAllFields } from '../../../shared/paging';
import { listRows, readUnit, unitFields } from '../../contract';
import { flexyKey } from '../../transport';

const show = { resource: ['log'], operation: ['getMany'] };

/**
 * The unit's type if a `GET /Units/{unitId}` answer shows an Evva unit, else undefined.
 * inferred: an Evva unit's `unitType` contains "Evva" or "AirKey" (e.g. `EvvaAirKey`).
 */
export function evvaUnitType(unitAnswer: unknown): string | undefined {
	const unit = readUnit(unitAnswer);
	const unitType = unit.ok ? unitFields(unit.value).unitType : undefined;
	return unitType && /evva|airkey/i.test(unitType) ? unitType : undefined;
}

/**
 * A 400 from `GET /Logs` for an Evva unit becomes a clear "not available for Evva units" error.
 * Decided on the API's answer rather than a lookup before every call: only a 400 costs a unit read.
 */
async function explainEvva(ctx: IExecuteFunctions, item: ItemScope, unitId: number, error: unknown): Promise<unknown> {
	if (!(error instanceof NodeApiError) || error.httpCode !== '400') return error;
	const body = await apiRequest.call(ctx, flexyKey, { method: 'GET', path: `/Units/${unitId}`, idempotent: true }, item).catch(() => undefined);
	const unitType = evvaUnitType(body);
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
export const getMany: Operation = {
	concurrent: true,
	properties: [
		unitField(show),
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'Start of the range (ISO 8601). Without an offset it is read in the workflow\'s time zone.',
			displayOptions: { show },
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			required: true,
			default: '',
			description: 'End of the range (ISO 8601), after From. The API returns at most 500 rows per call, newest first.',
			displayOptions: { show },
		},
		...returnAllFields(show),
	] as INodeProperties[],
	async run(item) {
		const from = dateTimeParameter(this, item, 'From', this.getNodeParameter('from', item.index, ''), { required: true });
		const to = dateTimeParameter(this, item, 'To', this.getNodeParameter('to', item.index, ''), { required: true });
		assertOrdered(this, item, 'To', 'From', from, to);
		const limit = limitParameter(this, item);
		const unitId = await unitIdOf(this, item);
		const rows = await apiRequest
			.call(this, flexyKey, { method: 'GET', path: '/Logs', qs: { unitId, from: from!.iso, to: to!.iso }, idempotent: true }, item)
			.catch(async (error: unknown) => {
				throw await explainEvva(this, item, unitId, error);
			});
		return limitRows(listRows(this.getNode(), 'logs', rows, item.index), limit);
	},
};
