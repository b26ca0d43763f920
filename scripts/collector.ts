/**
 * A loopback server the benchmark and e2e workflows report each delivery's key to (`GET <url>?key=…`,
 * from an HTTP Request node after the receiving node): which deliveries really ran, and how often,
 * whatever n8n shows of an execution's data (under load n8n 2.40 may redact it: "Could not check for
 * resolvable credentials; redacting run").
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Collector {
	/** Where the workflows report: `<url>?key=<key>`. */
	url: string;
	/** How often each key was reported. */
	seen: Map<string, number>;
	close(): Promise<void>;
}

export async function startCollector(): Promise<Collector> {
	const seen = new Map<string, number>();
	const server = createServer((req, res) => {
		const key = new URL(req.url ?? '/', 'http://collector').searchParams.get('key') ?? '';
		seen.set(key, (seen.get(key) ?? 0) + 1);
		res.end('{}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/seen`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
