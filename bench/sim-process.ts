/**
 * The simulator in its own process for the benchmark, so its CPU and memory stay out of the engine
 * process being measured. Driven by `run.ts` over IPC: each `{ host }` stops the previous simulator
 * and starts a fresh one on that loopback address (answering `{ baseUrl }`). A fresh address per run
 * keeps the TIME_WAIT sockets that n8n's one-connection-per-request client leaves behind (10,000
 * per run, for 60 s) from slowing down the next run's connects. Knobs change through `/_sim/*`.
 */
import { startSimulator, type Simulator } from '../simulator/index';

let current: Simulator | undefined;

async function restart(host: string): Promise<string> {
	await current?.stop();
	current = undefined;
	current = await startSimulator({
		host,
		port: 0,
		flexykey: { rateLimit: { mode: 'off' } },
		flexunlock: { rateLimit: { mode: 'off' } },
		ceksafe: { rateLimit: { mode: 'off' } },
	});
	return current.baseUrl;
}

process.on('message', (message: { host: string }) => {
	restart(message.host).then(
		(baseUrl) => process.send?.({ baseUrl }),
		(error: Error) => process.send?.({ error: error.message }),
	);
});

process.once('disconnect', () => {
	const stopped = current?.stop() ?? Promise.resolve();
	stopped.then(
		() => process.exit(0),
		() => process.exit(1),
	);
});
