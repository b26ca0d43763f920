/**
 * One measured run in a fresh process (so each peak RSS has its own baseline): loads the engine,
 * warms the client up, reports `ready` with the baseline, runs when told `go`, reports the result.
 * Started by `run.ts` with an IPC channel and `--expose-gc`.
 */
import './engine-select';
import type { IDataObject, INode } from 'n8n-workflow';
import { Agent, request } from 'undici';
import { BenchEngine, HELPER_ONLY, HTTP_REQUEST, PACKAGE_PREFIX } from './engine';
import { inputItems, SERVICES, type Client, type Scenario, type ServiceSpec, type WorkerResult } from './scenarios';

export type ParentMessage = { type: 'go' };
export type WorkerMessage = { type: 'ready'; rssBaselineBytes: number } | { type: 'result'; result: WorkerResult } | { type: 'error'; message: string };

const WARM_UP_ITEMS = 200;
const RSS_SAMPLE_MS = 10;

interface Outcome {
	ok: number;
	executionError?: string;
}

async function runUndici(spec: ServiceSpec, baseUrl: string, items: IDataObject[], concurrency: number): Promise<Outcome> {
	const dispatcher = new Agent({ connections: concurrency, keepAliveTimeout: 30_000 });
	const url = `${baseUrl}${spec.path}`;
	const headers = { authorization: `Bearer ${spec.apiKey}`, 'content-type': 'application/json', accept: 'application/json' };
	const results: unknown[] = new Array(items.length);
	let ok = 0;
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			const response = await request(url, { method: 'POST', headers, body: JSON.stringify(spec.body(items[index].imei as string)), dispatcher });
			const json = (await response.body.json()) as unknown;
			results[index] = json;
			if (response.statusCode === 200 && spec.succeeded(json)) ok++;
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
		return { ok };
	} catch (error) {
		return { ok, executionError: (error as Error).message };
	} finally {
		await dispatcher.close();
	}
}

let credentialSerial = 0;

/** The node under test. A new credential id per run gives this package's pacer a fresh key, as a new API key would. */
function nodeFor(engine: BenchEngine, spec: ServiceSpec, client: Exclude<Client, { kind: 'undici' }>, baseUrl: string): INode {
	const credentialId = `${spec.credentialType}-${++credentialSerial}`;
	const base = { id: 'under-test', name: 'Under Test', position: [220, 0] as [number, number] };
	if (client.kind === 'package') {
		return {
			...base,
			type: `${PACKAGE_PREFIX}.${spec.node.type}`,
			typeVersion: 1,
			parameters: { ...spec.node.parameters, options: client.concurrency === undefined ? {} : { concurrency: client.concurrency } },
			credentials: { [spec.credentialType]: { id: credentialId, name: `${spec.label} account` } },
		};
	}
	if (client.kind === 'helperOnly') {
		return {
			...base,
			type: HELPER_ONLY,
			typeVersion: 1,
			parameters: {
				credentialType: spec.credentialType,
				url: `${baseUrl}${spec.path}`,
				body: spec.bodyExpression,
				concurrency: client.concurrency,
			},
			credentials: { [spec.credentialType]: { id: credentialId, name: `${spec.label} account` } },
		};
	}
	const httpRequest = engine.nodeTypes.getByName(HTTP_REQUEST) as { description: { defaultVersion?: number } };
	return {
		...base,
		type: HTTP_REQUEST,
		typeVersion: httpRequest.description.defaultVersion ?? 4.2,
		parameters: {
			method: 'POST',
			url: `${baseUrl}${spec.path}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			contentType: 'json',
			specifyBody: 'keypair',
			bodyParameters: { parameters: spec.bodyFields },
			options: client.batching ? { batching: { batch: { batchSize: client.batching.size, batchInterval: client.batching.intervalMs } } } : {},
		},
		credentials: { httpHeaderAuth: { id: `header-${credentialId}`, name: 'Header Auth account' } },
	};
}

async function runOnce(engine: BenchEngine | undefined, scenario: Scenario, baseUrl: string, items: IDataObject[]): Promise<Outcome> {
	const spec = SERVICES[scenario.service];
	const { client } = scenario;
	if (client.kind === 'undici') return runUndici(spec, baseUrl, items, client.concurrency);
	if (!engine) throw new Error('no engine');
	const run = await engine.run(nodeFor(engine, spec, client, baseUrl), items);
	const ok = run.output.filter((item) => spec.succeeded(item.json)).length;
	return { ok, executionError: run.error?.message };
}

function gc(): void {
	const collect = (globalThis as { gc?: () => void }).gc;
	collect?.();
	collect?.();
}

async function main(): Promise<void> {
	const [scenarioJson, baseUrl] = process.argv.slice(2);
	const scenario = JSON.parse(scenarioJson) as Scenario;
	const spec = SERVICES[scenario.service];
	let engine: BenchEngine | undefined;
	if (scenario.client.kind !== 'undici') {
		engine = new BenchEngine();
		if (scenario.client.kind === 'httpRequest' && !engine.nodeTypes.hasHttpRequestNode) throw new Error('the HTTP Request node is not available');
		if (scenario.client.kind === 'package' && scenario.client.functionAuth) {
			// What-if: the same Bearer header without n8n evaluating an expression per request.
			const credentialType = engine.nodeTypes.credentialTypes.get(spec.credentialType)!;
			credentialType.authenticate = async (credentials, options) => ({
				...options,
				headers: { ...options.headers, Authorization: `Bearer ${String(credentials.apiKey)}` },
			});
		}
		engine.setCredentials({
			[spec.credentialType]: { apiKey: spec.apiKey, baseUrl: `${baseUrl}${spec.apiPrefix}` },
			httpHeaderAuth: { name: 'Authorization', value: `Bearer ${spec.apiKey}` },
		});
	}
	const send = (message: WorkerMessage) => process.send?.(message);

	// Warm-up with the rate limit off (the parent sets it after `ready`), then the baseline.
	const warmUp = await runOnce(engine, scenario, baseUrl, inputItems(WARM_UP_ITEMS) as unknown as IDataObject[]);
	if (warmUp.ok !== WARM_UP_ITEMS) throw new Error(`warm-up: ${warmUp.ok}/${WARM_UP_ITEMS} succeeded${warmUp.executionError ? `: ${warmUp.executionError}` : ''}`);
	const items = inputItems(scenario.n) as unknown as IDataObject[];
	gc();
	await new Promise((resolve) => setTimeout(resolve, 100));
	const rssBaselineBytes = process.memoryUsage().rss;
	await new Promise<void>((resolve) => {
		process.once('message', () => resolve());
		send({ type: 'ready', rssBaselineBytes });
	});

	let rssPeakBytes = rssBaselineBytes;
	const sampler = setInterval(() => {
		rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage().rss);
	}, RSS_SAMPLE_MS);
	const readsBefore = engine?.credentialsHelper.reads ?? 0;
	const started = performance.now();
	const outcome = await runOnce(engine, scenario, baseUrl, items);
	const wallMs = performance.now() - started;
	const credentialReads = (engine?.credentialsHelper.reads ?? 0) - readsBefore;
	clearInterval(sampler);
	rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage().rss);
	send({ type: 'result', result: { wallMs, ...outcome, rssBaselineBytes, rssPeakBytes, credentialReads, node: process.version } });
}

main().then(
	() => process.disconnect?.(),
	(error: Error) => {
		process.send?.({ type: 'error', message: error.stack ?? error.message } satisfies WorkerMessage);
		process.disconnect?.();
		process.exitCode = 1;
	},
);
