import type { IDataObject } from 'n8n-workflow';
import { unitField, unitTarget } from '../../fields/unit';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { showFor } from '../../../shared/display';

/** `GET /Control?unitId=…` or `?serialNumber=…`: the unit's current IO state (the webhook payload shape). */
export const getStatus: FlexyKeyOperation = {
	toolDescription:
		'Reads the current state of every input and output of one FlexyKey access-control unit, e.g. whether a door contact is open or a relay is on. Input: the unit ID (a number such as 3023). Returns the outputs and inputs, each with its globalNumber (F1, X1, IX1, …) and state ON or OFF, and when the unit reported them. Read only: it changes nothing.',
	concurrent: true,
	properties: showFor('control', 'getStatus', [unitField()]),
	async run(item) {
		const target = unitTarget(this, item);
		const qs: IDataObject = 'unitId' in target ? { unitId: target.unitId } : { serialNumber: target.serialNumber };
		return flexyKeyApi(this, item).get('/Control', qs);
	},
};
