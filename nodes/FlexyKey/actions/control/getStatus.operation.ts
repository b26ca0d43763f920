import type { IDataObject } from 'n8n-workflow';
import { unitField, unitTarget } from '../../fields/unit';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** `GET /Control?unitId=…` or `?serialNumber=…`: the unit's current IO state (the webhook payload shape). */
export const getStatus: FlexyKeyOperation = {
	concurrent: true,
	properties: showFor('control', 'getStatus', [unitField()]),
	async run(item) {
		const target = unitTarget(this, item);
		const qs: IDataObject = 'unitId' in target ? { unitId: target.unitId } : { serialNumber: target.serialNumber };
		return flexyKeyApi(this, item).get('/Control', qs);
	},
};
