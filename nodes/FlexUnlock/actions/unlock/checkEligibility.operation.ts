import { showFor } from '../../../shared/display';
import { deviceFields, deviceParameters } from '../../fields/device';
import { flexUnlockApi, type FlexUnlockOperation } from '../../transport';

/** `POST /unlock/check {imei, carrier}`: eligibility, price, time and the services on offer. */
export const checkEligibility: FlexUnlockOperation = {
	concurrent: true,
	properties: showFor('unlock', 'checkEligibility', deviceFields()),
	async run(item) {
		const body = deviceParameters(this, item);
		// inferred: a check creates nothing and is not billed, so it may be repeated after a 5xx or a reset
		return flexUnlockApi(this, item).post('/unlock/check', body, { idempotent: true });
	},
};
