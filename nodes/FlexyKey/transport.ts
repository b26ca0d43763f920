/** FlexyKey transport: HTTP Basic, errors as `{ "status": <code>, "message": "<text>" }` (inferred). */
import type { ServiceSpec } from '../shared/transport';

export const flexyKey: ServiceSpec = {
	name: 'FlexyKey',
	credentialType: 'flexyKeyApi',
	parseError(body) {
		if (typeof body === 'string' && body.trim() !== '') return { message: body.trim().slice(0, 500) };
		const error = body as { message?: unknown; title?: unknown; detail?: unknown; error?: unknown } | undefined;
		if (!error || typeof error !== 'object') return {};
		// inferred: `{status, message}`; ASP.NET problem details (`title`/`detail`) are accepted too.
		const message = [error.message, error.detail, error.title, error.error].find((value) => typeof value === 'string');
		return { message: message as string | undefined };
	},
};
