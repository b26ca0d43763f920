/** Shared glue for the FlexyKey simulator contract tests: one simulator per file, a typed fetch wrapper, a webhook receiver. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeepPartial, SimConfig } from '../../simulator/config';
import { DIALECT_HEADER, type Dialect } from '../../simulator/core/dialect';
import { flexyKeyUsers } from '../../simulator/demo-credentials';
import type { Simulator } from '../../simulator/index';
import type { ManualClock } from '../../simulator/core/clock';
import { useSimulator, type SimulatorOptions } from '../harness/simulator';

/** Short delays, and the default FlexyKey rate limit (600 a minute) so its headers show. */
export const FAST: DeepPartial<SimConfig> = {
	port: 0,
	flexykey: { syncDurationMs: 200, statusCacheMs: 100, unitInfoDelayMs: 50, rateLimit: { mode: 'fixed', limit: 600, windowMs: 60_000 } },
};

export const UNIT_PLAIN = 3023;
export const UNIT_WEXP = 3024;
export const UNIT_EVVA = 3025;
export const UNIT_X33 = 3026;
export const X33_SERIAL = '040530585131396';

export interface CallOptions {
	/** Demo identity to send; `null` sends no Authorization header. */
	user?: keyof typeof flexyKeyUsers | null;
	authorization?: string;
	/** Sent verbatim instead of `JSON.stringify(body)`. */
	raw?: string;
	/** Answer this call in that dialect, whatever the simulator's configured one (the `X-Sim-Dialect` header). */
	dialect?: Dialect;
}

export type Obj = Record<string, unknown>;

export interface CallResult<T = Obj> {
	status: number;
	headers: Headers;
	body: T;
}

export const basic = (username: string, password: string): string => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

export interface FlexyKeyHarness {
	readonly sim: Simulator;
	/** With `{ manualClock: true }`: the simulator's time, moved only by `clock.advance(ms)`. */
	readonly clock: ManualClock;
	call<T = Obj>(method: string, path: string, body?: unknown, options?: CallOptions): Promise<CallResult<T>>;
}

/** The shared test simulator (one per file, reset before each test) with a FlexyKey client on top. */
export function useFlexyKey(config: DeepPartial<SimConfig> = FAST, options: SimulatorOptions = {}): FlexyKeyHarness {
	const handle = useSimulator(config, options);
	return {
		get sim() {
			return handle.sim;
		},
		get clock() {
			return handle.clock;
		},
		async call(method, path, body, options = {}) {
			const headers: Record<string, string> = {};
			const user = options.user === undefined ? 'demo' : options.user;
			if (options.dialect) headers[DIALECT_HEADER] = options.dialect;
			if (options.authorization) headers.Authorization = options.authorization;
			else if (user) headers.Authorization = basic(flexyKeyUsers[user].username, flexyKeyUsers[user].password);
			const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
			if (payload !== undefined) headers['Content-Type'] = 'application/json';
			const res = await fetch(`${handle.sim.urls.flexykey}${path}`, { method, headers, body: payload });
			const text = await res.text();
			return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as never };
		},
	};
}

export interface ReceivedCall {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Receiver {
	url: string;
	calls: ReceivedCall[];
	/** Status the receiver answers with (200 by default). */
	respondWith: number;
	/** While set, the receiver holds every answer until this promise settles (`hold()` sets it). */
	held?: Promise<void>;
	/** Holds answers from now on; call the returned function to answer them all. */
	hold(): () => void;
	close(): Promise<void>;
}

/** A tiny HTTP endpoint on 127.0.0.1 that records every call. */
export async function startReceiver(): Promise<Receiver> {
	const receiver: Receiver = {
		url: '',
		calls: [],
		respondWith: 200,
		hold() {
			let release = (): void => undefined;
			receiver.held = new Promise<void>((resolve) => (release = resolve));
			return () => {
				receiver.held = undefined;
				release();
			};
		},
		close: async () => undefined,
	};
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			receiver.calls.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			const answer = () => res.writeHead(receiver.respondWith).end();
			if (receiver.held) void receiver.held.then(answer);
			else answer();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	receiver.close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return receiver;
}
