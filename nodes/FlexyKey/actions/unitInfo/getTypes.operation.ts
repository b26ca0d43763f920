import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { flexyKey } from '../../transport';

/** `GET /RequestUnitInfoTypes`: the public command catalog (approved types and profiles), as one item. */
export const getTypes: Operation = {
	concurrent: true,
	properties: [],
	async run(item) {
		return apiRequest.call(this, flexyKey, { method: 'GET', path: '/RequestUnitInfoTypes', idempotent: true }, item) as Promise<IDataObject>;
	},
};
