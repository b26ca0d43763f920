/**
 * One-node check workflows on their own credential ID: each ID gets its own pacer (as a second n8n
 * credential would), so rate-limit tests do not share what one run learned about a key.
 */
import { cekSafeFixtures } from '../../simulator/ceksafe';
import { flexUnlockFixtures } from '../../simulator/flexunlock';
import { chain } from './workflow-builder';

interface CheckOptions {
	continueOnFail?: boolean;
	/** The node's Options → Include Rate Limit Info. */
	includeRateLimit?: boolean;
}

const options = (includeRateLimit?: boolean) => (includeRateLimit === undefined ? {} : { options: { includeRateLimit } });

/** CekSafe → IMEI → Check (basic) of a clean IMEI, named `Check`. */
export const cekSafeCheckNode = (credentialId: string, { continueOnFail = false, includeRateLimit }: CheckOptions = {}) =>
	chain({
		name: 'Check',
		type: 'cekSafe',
		continueOnFail,
		credentials: { cekSafeApi: { id: credentialId, name: credentialId } },
		parameters: { resource: 'imei', operation: 'check', imei: cekSafeFixtures.cleanImei, checkType: 'basic', ...options(includeRateLimit) },
	});

/** FlexUnlock → Unlock → Check Eligibility of an eligible IMEI, named `Check`. */
export const flexUnlockCheckNode = (credentialId: string, { continueOnFail = false, includeRateLimit }: CheckOptions = {}) =>
	chain({
		name: 'Check',
		type: 'flexUnlock',
		continueOnFail,
		credentials: { flexUnlockApi: { id: credentialId, name: credentialId } },
		parameters: { resource: 'unlock', operation: 'checkEligibility', imei: flexUnlockFixtures.eligibleImei, carrier: 'EE', ...options(includeRateLimit) },
	});
