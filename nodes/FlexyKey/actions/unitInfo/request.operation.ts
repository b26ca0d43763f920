import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { unitField, unitTarget } from '../../fields/unit';
import { flexyKey } from '../../transport';
import { commandFields, commandSelection } from './command';

const show = { resource: ['unitInfo'], operation: ['request'] };

/**
 * `POST /RequestUnitInfo`: queues one command or one profile. Asynchronous: the answer arrives
 * later in Unit Info → Get Messages (or use Request and Wait). Each result says queued, cached or
 * rate limited.
 */
export const request: Operation = {
	properties: [unitField(show), ...commandFields(show)],
	async run(item) {
		const body: IDataObject = { ...unitTarget(this, item), ...commandSelection(this, item) };
		return apiRequest.call(this, flexyKey, { method: 'POST', path: '/RequestUnitInfo', body }, item) as Promise<IDataObject>;
	},
};
