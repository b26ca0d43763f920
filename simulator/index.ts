/**
 * The embedded simulator of FlexyKey, FlexUnlock and CekSafe: one process, one port, each API under
 * its own prefix. Tests start it in-process on an ephemeral port; `npm run simulator` runs `bin.ts`.
 */
import { realClock, type SimClock } from './core/clock';
import type { SimContext } from './core/context';
import { SimServer } from './core/server';
import { WebhookSender } from './core/webhooks';
import { defaultConfig, mergeConfig, type DeepPartial, type SimConfig } from './config';
import { createCekSafeApi, type CekSafeApi } from './ceksafe';
import { createFlexUnlockApi, type FlexUnlockApi } from './flexunlock';
import { createFlexyKeyApi, type FlexyKeyApi } from './flexykey';

export interface Simulator {
	config: SimConfig;
	clock: SimClock;
	server: SimServer;
	webhooks: WebhookSender;
	flexykey: FlexyKeyApi;
	flexunlock: FlexUnlockApi;
	ceksafe: CekSafeApi;
	/** `http://127.0.0.1:<port>` */
	baseUrl: string;
	urls: { flexykey: string; flexunlock: string; ceksafe: string };
	reset(): void;
	stop(): Promise<void>;
}

/** `clock`: the wall clock unless a test passes a `ManualClock` to move time itself. */
export async function startSimulator(overrides?: DeepPartial<SimConfig>, clock: SimClock = realClock): Promise<Simulator> {
	const config = mergeConfig(defaultConfig(), overrides);
	const context: SimContext = { config, webhooks: new WebhookSender(), clock };
	const flexykey = createFlexyKeyApi(context);
	const flexunlock = createFlexUnlockApi(context);
	const ceksafe = createCekSafeApi(context);
	const server = new SimServer({
		host: config.host,
		port: config.port,
		faults: () => config.faults,
		apis: [flexykey, flexunlock, ceksafe],
		// `POST /_sim/reset` clears the delivery log like `Simulator.reset()` does.
		onReset: () => context.webhooks.clear(),
		admin: async (req) => {
			if (req.method === 'GET' && req.path === '/deliveries') return { status: 200, body: context.webhooks.deliveries };
			if (req.method === 'PATCH' && req.path === '/config') {
				Object.assign(config, mergeConfig(config, (req.body ?? {}) as DeepPartial<SimConfig>));
				return { status: 200, body: config };
			}
			return undefined;
		},
	});
	const baseUrl = await server.listen();
	return {
		config,
		clock,
		server,
		webhooks: context.webhooks,
		flexykey,
		flexunlock,
		ceksafe,
		baseUrl,
		urls: { flexykey: server.apiUrl('flexykey'), flexunlock: server.apiUrl('flexunlock'), ceksafe: server.apiUrl('ceksafe') },
		reset() {
			[flexykey, flexunlock, ceksafe].forEach((api) => api.reset());
			context.webhooks.clear();
		},
		async stop() {
			[flexykey, flexunlock, ceksafe].forEach((api) => api.dispose?.());
			await server.close();
		},
	};
}

export { defaultConfig, type SimConfig, type SimContext };
