/** FlexUnlock transport: Bearer key, errors as `{"error": "<message>"}`. */
import { serviceClient, type ServiceClient } from '../shared/client';
import type { Operation } from '../shared/executor';
import type { ItemScope } from '../shared/run-scope';
import type { RequestContext, ServiceSpec } from '../shared/transport';

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

/** An operation of this node: fields and a per-item `run` that calls `flexUnlockApi(this, item)`. */
export type FlexUnlockOperation = Operation;

/** The same client for helpers handed n8n's functions and the item, and (no item) for triggers and methods. */
export const flexUnlockApi = (fns: RequestContext, item?: ItemScope): ServiceClient => serviceClient(fns, flexUnlock, item);
