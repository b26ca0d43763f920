/**
 * The e2e client's listings read every page of n8n's public API: a queue-mode restart check once
 * waited for 277 executions while one page holds 250.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { N8nClient } from '../../scripts/n8n-api';

/** A stand-in of `GET /api/v1/executions`: `total` rows, `limit` a page, `nextCursor` = the next offset. */
function pagedServer(total: number): Promise<{ server: Server; url: string; queries: string[] }> {
	const queries: string[] = [];
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		queries.push(url.search);
		const limit = Number(url.searchParams.get('limit'));
		const from = Number(url.searchParams.get('cursor') ?? 0);
		const rows = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, index) => ({ id: String(from + index) }));
		const next = from + rows.length < total ? String(from + rows.length) : null;
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ data: rows, nextCursor: next }));
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, queries })));
}

test.each([0, 250, 277, 600])('executions() returns all %i executions, a page of 250 at a time', async (total) => {
	const { server, url, queries } = await pagedServer(total);
	try {
		const client = new N8nClient(url);
		client.apiKey = 'test-key';
		const executions = await client.executions('wf1');
		expect(executions.map((execution) => execution.id)).toEqual(Array.from({ length: total }, (_, index) => String(index)));
		expect(queries).toHaveLength(Math.max(1, Math.ceil(total / 250)));
		expect(queries.every((query) => query.includes('workflowId=wf1') && query.includes('limit=250'))).toBe(true);
	} finally {
		server.close();
	}
});
