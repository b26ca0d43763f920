/** CekSafe transport: Bearer key, `{"success": false, "error": {code, message}}` errors. */
import { serviceClient, type ServiceClient } from '../shared/client';
import type { Operation } from '../shared/executor';
import type { ItemScope } from '../shared/run-scope';
import type { RequestContext, ServiceSpec } from '../shared/transport';

export const cekSafe: ServiceSpec = {
	name: 'CekSafe',
	credentialType: 'cekSafeApi',
	parseError(body) {
		const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
		if (error && typeof error === 'object') {
			return {
				message: typeof error.message === 'string' ? error.message : undefined,
				code: typeof error.code === 'string' ? error.code : undefined,
			};
		}
		return {};
	},
};

/** An operation of this node: fields and a per-item `run` that calls `cekSafeApi(this, item)`. */
export type CekSafeOperation = Operation;

/** The same client for helpers handed n8n's functions and the item, and (no item) for triggers and methods. */
export const cekSafeApi = (fns: RequestContext, item?: ItemScope): ServiceClient => serviceClient(fns, cekSafe, item);
