/**
 * The load balancer of the queue-mode set-up (scripts/n8n-queue.ts), reduced to what matters for
 * deliveries: it forwards requests to the webhook process only while that process says it is ready
 * (`GET /healthz/readiness` answers 200), and answers 503 itself otherwise.
 *
 * Why it exists: n8n 2.40 starts listening before it has finished with its database
 * (`BaseCommand.init` calls `AbstractServer.init`, which listens, before `DbConnection.migrate`), and
 * until then the middleware of `AbstractServer.setupHealthCheck` answers every request
 * `200 n8n is starting up. Please wait` — including a vendor's delivery, which then counts as
 * acknowledged although nothing ran. A readiness-checked load balancer in front of the webhook
 * processes (what docs/queue-mode.md tells users to run) never sends a delivery there in that window.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookGate {
	/** Where the vendors deliver: the gate's own address (`N8N_WEBHOOK_URL`). */
	url: string;
	stop(): Promise<void>;
}

const POLL_MS = 200;

/** Starts the gate on a free loopback port in front of `target` (the webhook process's base URL). */
export async function startWebhookGate(target: string): Promise<WebhookGate> {
	const upstream = new URL(target);
	// Ready only on a readiness answer asked after the last failure seen: a stale 200 from a process
	// that has since gone cannot mark its replacement ready.
	let ready = false;
	let lastFailure = 0;
	const markFailed = () => {
		ready = false;
		lastFailure = Date.now();
	};

	let polling = true;
	const poll = async () => {
		while (polling) {
			const askedAt = Date.now();
			let ok = false;
			try {
				ok = (await fetch(`${target}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) })).status === 200;
			} catch {
				ok = false;
			}
			if (!ok) markFailed();
			else if (askedAt > lastFailure) ready = true;
			await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		}
	};
	const poller = poll();

	const refuse = (res: ServerResponse) => {
		if (res.headersSent) return void res.destroy();
		res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"message":"no webhook process is ready"}');
	};
	const forward = (req: IncomingMessage, res: ServerResponse) => {
		if (!ready) return refuse(res);
		// One connection per request: a stopped process's kept-alive sockets are never reused.
		const out = request(
			{ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent: false },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		out.once('error', () => {
			markFailed();
			refuse(res);
		});
		req.pipe(out);
	};

	const server = createServer(forward);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port: bound } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${bound}`,
		stop: async () => {
			polling = false;
			await poller;
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
