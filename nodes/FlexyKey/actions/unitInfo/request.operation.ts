import type { IDataObject } from 'n8n-workflow';
import { unitField, unitTarget } from '../../fields/unit';
import { flexyKeyApi, type FlexyKeyOperation } from '../../transport';
import { commandFields, commandSelection } from './command';
import { showFor } from '../../../shared/display';

/**
 * `POST /RequestUnitInfo`: queues one command or one profile. Asynchronous: the answer arrives
 * later in Unit Info → Get Messages (or use Request and Wait). Each result says queued, cached or
 * rate limited.
 */
export const request: FlexyKeyOperation = {
	properties: showFor('unitInfo', 'request', [unitField(), ...commandFields()]),
	async run(item) {
		const body: IDataObject = { ...unitTarget(this, item), ...commandSelection(this, item) };
		return flexyKeyApi(this, item).post('/RequestUnitInfo', body);
	},
};
