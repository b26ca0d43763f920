import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { unitField, unitTarget } from '../../fields/unit';
import { flexyKey } from '../../transport';

const show = { resource: ['control'], operation: ['getStatus'] };

/** `GET /Control?unitId=…` or `?serialNumber=…`: the unit's current IO state (the webhook payload shape). */
export const getStatus: Operation = {
	concurrent: true,
	properties: [unitField(show)],
	async run(item) {
		const target = unitTarget(this, item);
		const qs: IDataObject = 'unitId' in target ? { unitId: target.unitId } : { serialNumber: target.serialNumber };
		return apiRequest.call(this, flexyKey, { method: 'GET', path: '/Control', qs, idempotent: true }, item) as Promise<IDataObject>;
	},
};
