/**
 * An HTTP proxy in front of the simulator that re-shapes chosen JSON answers, so a test can show
 * what a node does when the real API answers an inferred shape differently (another dialect, or
 * a shape nobody guessed). The simulator still does all the work; only the answer's shape changes.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CredentialValues } from './credentials-helper';

/** Rewrites a JSON answer; `path` is below the API prefix without the query, e.g. `/UnitSync/Status`. */
export type Reshape = (body: unknown, request: { method: string; path: string; status: number }) => unknown;

/** Rewrites an answer's headers (names as Node gives them: lower case). */
export type RewriteHeaders = (headers: Record<string, string | string[] | undefined>, answer: { status: number; path: string }) => Record<string, string | string[] | undefined>;

export interface ReshapeProxy {
	/** Credential values whose base URLs point at the proxy instead of the simulator. */
	credentials(values: CredentialValues): CredentialValues;
	/** Re-shape answers whose path (below the API prefix) matches. Cleared by `clear()`. */
	reshape(method: string, path: string | RegExp, reshape: Reshape): void;
	/** Rewrite the headers of every answer (e.g. a 429's `Retry-After` in another form). Cleared by `clear()`. */
	rewriteHeaders(rewrite: RewriteHeaders): void;
	clear(): void;
	close(): Promise<void>;
}

const readAll = async (stream: IncomingMessage): Promise<Buffer> => {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
};

export async function startReshapeProxy(): Promise<ReshapeProxy> {
	const rules: Array<{ method: string; path: string | RegExp; reshape: Reshape }> = [];
	const headerRules: RewriteHeaders[] = [];
	let target: URL | undefined;
	const server: Server = createServer(async (req, res) => {
		const incoming = await readAll(req);
		const url = new URL(req.url ?? '/', target);
		const upstream = request(
			url,
			{ method: req.method, headers: { ...req.headers, host: url.host, 'content-length': String(incoming.length) } },
			async (answer) => {
				let body = await readAll(answer);
				// `/flexykey/v1/UnitSync/Status` → `/UnitSync/Status`
				const path = url.pathname.replace(/^\/[^/]+\/v1/, '');
				const rule = rules.find((candidate) => candidate.method === req.method && (typeof candidate.path === 'string' ? candidate.path === path : candidate.path.test(path)));
				const headers = headerRules.reduce((current, rewrite) => rewrite(current, { status: answer.statusCode ?? 0, path }), { ...answer.headers });
				delete headers['transfer-encoding'];
				headers['content-length'] = String(body.length);
				if (rule && String(answer.headers['content-type'] ?? '').includes('json') && body.length > 0) {
					const reshaped = rule.reshape(JSON.parse(body.toString('utf8')), { method: req.method ?? 'GET', path, status: answer.statusCode ?? 0 });
					body = Buffer.from(JSON.stringify(reshaped));
					headers['content-length'] = String(body.length);
				}
				res.writeHead(answer.statusCode ?? 502, headers);
				res.end(body);
			},
		);
		upstream.on('error', () => res.destroy());
		upstream.end(incoming);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const through = (baseUrl: unknown): string => {
		const url = new URL(String(baseUrl));
		target = new URL(url.origin);
		return `${origin}${url.pathname}`;
	};
	return {
		credentials(values) {
			return Object.fromEntries(
				Object.entries(values).map(([type, data]) => [type, { ...data, baseUrl: through(data.baseUrl) }]),
			) as CredentialValues;
		},
		reshape(method, path, reshape) {
			rules.push({ method, path, reshape });
		},
		rewriteHeaders(rewrite) {
			headerRules.push(rewrite);
		},
		clear() {
			rules.length = 0;
			headerRules.length = 0;
		},
		close() {
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * Jest glue: one proxy for the test file, started before its tests, closed after them, and cleared
 * (rules and header rewrites) after each test. The getter is valid from the first test on.
 */
export function useReshapeProxy(): () => ReshapeProxy {
	let proxy: ReshapeProxy | undefined;
	beforeAll(async () => {
		proxy = await startReshapeProxy();
	});
	afterAll(async () => proxy?.close());
	afterEach(() => proxy?.clear());
	return () => {
		if (!proxy) throw new Error('useReshapeProxy: the proxy starts in beforeAll');
		return proxy;
	};
}
