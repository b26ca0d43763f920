import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/executor';
import { apiRequest } from '../../../shared/transport';
import { deviceFields, deviceParameters } from '../../fields/device';
import { flexUnlock } from '../../transport';

const show = { resource: ['unlock'], operation: ['checkEligibility'] };

/** `POST /unlock/check {imei, carrier}`: eligibility, price, time and the services on offer. */
export const checkEligibility: Operation = {
	concurrent: true,
	properties: deviceFields(show),
	async run(item) {
		const body = deviceParameters(this, item);
		// inferred: a check creates nothing and is not billed, so it may be repeated after a 5xx or a reset
		return apiRequest.call(this, flexUnlock, { method: 'POST', path: '/unlock/check', body, idempotent: true }, item) as Promise<IDataObject>;
	},
};
