import { showFor } from '../../../shared/display';
import { deviceFields, deviceParameters } from '../../fields/device';
import { flexUnlockApi, type FlexUnlockOperation } from '../../transport';

/** `POST /unlock/check {imei, carrier}`: eligibility, price, time and the services on offer. */
export const checkEligibility: FlexUnlockOperation = {
	toolDescription:
		'Asks FlexUnlock whether a phone (by IMEI) can be unlocked from its carrier, and at what price. Inputs: the IMEI (15 digits) and the carrier\'s name (e.g. T-Mobile, AT&T, Verizon). Returns eligible (true or false), price, estimated_time and supported_services. It only checks: it places no order and costs nothing; an IMEI with a wrong length or check digit is refused before anything is sent.',
	concurrent: true,
	properties: showFor('unlock', 'checkEligibility', deviceFields()),
	async run(item) {
		const body = deviceParameters(this, item);
		// inferred: a check creates nothing and is not billed, so it may be repeated after a 5xx or a reset
		return flexUnlockApi(this, item).post('/unlock/check', body, { idempotent: true });
	},
};
