/** CekSafe transport: Bearer key, `{"success": false, "error": {code, message}}` errors. */
import type { ServiceSpec } from '../shared/transport';

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
