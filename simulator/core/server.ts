/**
 * One HTTP server hosting every simulated API under its own path prefix
 * (`/flexykey/v1`, `/flexunlock/v1`, `/ceksafe/v1`) plus `/_sim/*` admin endpoints used by tests,
 * demos and benchmarks to inspect state, reset it and change knobs at run time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultConfig } from './faults';
import { parseJson, readBody, send, type HttpMethod, type SimReply, type SimRequest } from './http';

export interface SimApi {
	/** Mount name; the API is served under `/<name>/v1`. */
	readonly name: string;
	handle(req: SimRequest): Promise<SimReply>;
	/** JSON-safe snapshot of the in-memory state, for tests and `GET /_sim/state`. */
	state(): unknown;
	/** Back to the seeded demo data. */
	reset(): void;
	/** Stops timers (async syncs, order progress) so the process can exit. */
	dispose?(): void;
	/** The API's own admin routes, `/_sim/<name>/<path>` (`req.path` is `/<path>`); undefined: not one of them. */
	admin?(req: SimRequest): SimReply | undefined;
}

export interface ServerOptions {
	host: string;
	port: number;
	/** The live fault knobs, changed by `PATCH /_sim/faults` (each API's pipeline applies them). */
	faults: () => FaultConfig;
	apis: SimApi[];
	/** Extra admin routes (`/_sim/<path>`), e.g. config changes. */
	admin?: (req: SimRequest) => Promise<SimReply | undefined>;
	/** Runs after the APIs reset on `POST /_sim/reset` (e.g. to clear the delivery log). */
	onReset?: () => void;
}

export class SimServer {
	private server?: Server;
	baseUrl = '';

	constructor(public readonly options: ServerOptions) {}

	async listen(): Promise<string> {
		this.server = createServer((req, res) => {
			this.dispatch(req, res).catch((error: Error) => {
				if (!res.headersSent) send(res, { status: 500, body: { error: `simulator failure: ${error.message}` } });
				else res.destroy();
			});
		});
		this.server.keepAliveTimeout = 65_000;
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(this.options.port, this.options.host, () => resolve());
		});
		const address = this.server.address() as AddressInfo;
		this.baseUrl = `http://${this.options.host}:${address.port}`;
		return this.baseUrl;
	}

	apiUrl(name: string): string {
		return `${this.baseUrl}/${name}/v1`;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://simulator');
		const [, mount, version, ...rest] = url.pathname.split('/');
		const request = async (path: string): Promise<SimRequest> => {
			const rawBody = await readBody(req);
			return {
				method: (req.method ?? 'GET').toUpperCase() as HttpMethod,
				path,
				params: {},
				query: url.searchParams,
				headers: req.headers,
				rawBody,
				body: parseJson(rawBody),
			};
		};

		if (mount === '_sim') {
			const simReq = await request('/' + [version, ...rest].filter(Boolean).join('/'));
			send(res, (await this.handleAdmin(simReq)) ?? { status: 404, body: { error: 'unknown admin route' } });
			return;
		}

		const api = this.options.apis.find((candidate) => candidate.name === mount);
		if (!api || version !== 'v1') {
			send(res, { status: 404, body: { error: `No API at ${url.pathname}` } });
			return;
		}
		send(res, await api.handle(await request('/' + rest.join('/'))));
	}

	private async handleAdmin(req: SimRequest): Promise<SimReply | undefined> {
		if (req.method === 'GET' && req.path === '/state') {
			return { status: 200, body: Object.fromEntries(this.options.apis.map((api) => [api.name, api.state()])) };
		}
		if (req.method === 'POST' && req.path === '/reset') {
			this.options.apis.forEach((api) => api.reset());
			this.options.onReset?.();
			return { status: 204 };
		}
		if (req.method === 'PATCH' && req.path === '/faults') {
			Object.assign(this.options.faults(), req.body ?? {});
			return { status: 200, body: this.options.faults() };
		}
		const [, mount, ...rest] = req.path.split('/');
		const api = this.options.apis.find((candidate) => candidate.name === mount);
		const own = api?.admin?.({ ...req, path: '/' + rest.join('/') });
		return own ?? this.options.admin?.(req);
	}
}
