/** FlexUnlock transport: Bearer key, errors as `{"error": "<message>"}`. */
import type { ServiceSpec } from '../shared/transport';

export const flexUnlock: ServiceSpec = {
	name: 'FlexUnlock',
	credentialType: 'flexUnlockApi',
	parseError(body) {
		const error = (body as { error?: unknown } | undefined)?.error;
		if (typeof error === 'string') return { message: error };
		if (typeof body === 'string' && body.trim() !== '') return { message: body.trim().slice(0, 500) };
		return {};
	},
};
