/** What one benchmark run does, shared by the orchestrator (`run.ts`) and the measured process (`worker.ts`). */
import { START_WIDTH } from '../nodes/shared/item-width';
import { withLuhn } from '../simulator/core/imei';
import { cekSafeKeys, flexUnlockKeys } from '../simulator/demo-credentials';

export type ServiceName = 'ceksafe' | 'flexunlock';

export type Client =
	/** A raw undici keep-alive loop: the physical limit of this machine. */
	| { kind: 'undici'; concurrency: number }
	/** n8n's HTTP Request node, set up as a user would (Header Auth credential, JSON body from fields). */
	| { kind: 'httpRequest'; batching?: { size: number; intervalMs: number } }
	/**
	 * This package's node; no concurrency = the node's default. `functionAuth` (a what-if, `--what-if`):
	 * the credential's `authenticate` as a function instead of the generic expression form.
	 */
	| { kind: 'package'; concurrency?: number; functionAuth?: boolean }
	/** Only n8n's `httpRequestWithAuthentication` per item: the engine's share. */
	| { kind: 'helperOnly'; concurrency: number };

export interface RateLimit {
	limit: number;
	windowMs: number;
}

export interface Scenario {
	id: string;
	service: ServiceName;
	n: number;
	client: Client;
	/** The simulated vendor limit (none = `rateLimit: {mode: 'off'}`). */
	limit?: RateLimit;
}

export interface WorkerResult {
	wallMs: number;
	/** Items that came out as the vendor's success answer. */
	ok: number;
	/** The error that stopped the execution, if any. */
	executionError?: string;
	rssBaselineBytes: number;
	rssPeakBytes: number;
	/** Credential reads during the run (each a database query and a decryption in a real n8n). */
	credentialReads: number;
	node: string;
}

export interface ServiceSpec {
	label: string;
	/** Path below the simulator's base URL. */
	path: string;
	credentialType: 'cekSafeApi' | 'flexUnlockApi';
	apiKey: string;
	/** The API's base URL below the simulator's. */
	apiPrefix: string;
	body(imei: string): Record<string, string>;
	/** Fields for the body as the HTTP Request node's "Body Parameters" (values may be expressions). */
	bodyFields: Array<{ name: string; value: string }>;
	/** The same body as one expression, for the helper-only stand-in. */
	bodyExpression: string;
	/** This package's node and its parameters for the same call. */
	node: { type: string; parameters: Record<string, string> };
	succeeded(json: unknown): boolean;
}

export const SERVICES: Record<ServiceName, ServiceSpec> = {
	ceksafe: {
		label: 'CekSafe IMEI Check',
		path: '/ceksafe/v1/check',
		credentialType: 'cekSafeApi',
		apiKey: cekSafeKeys.growth.key,
		apiPrefix: '/ceksafe/v1',
		body: (imei) => ({ imei, type: 'basic' }),
		bodyFields: [
			{ name: 'imei', value: '={{ $json.imei }}' },
			{ name: 'type', value: 'basic' },
		],
		bodyExpression: "={{ { imei: $json.imei, type: 'basic' } }}",
		node: { type: 'cekSafe', parameters: { resource: 'imei', operation: 'check', imei: '={{ $json.imei }}', checkType: 'basic' } },
		succeeded: (json) => (json as { success?: unknown } | undefined)?.success === true,
	},
	flexunlock: {
		label: 'FlexUnlock Check Eligibility',
		path: '/flexunlock/v1/unlock/check',
		credentialType: 'flexUnlockApi',
		apiKey: flexUnlockKeys.bigSeller.key,
		apiPrefix: '/flexunlock/v1',
		body: (imei) => ({ imei, carrier: 'T-Mobile' }),
		bodyFields: [
			{ name: 'imei', value: '={{ $json.imei }}' },
			{ name: 'carrier', value: '={{ $json.carrier }}' },
		],
		bodyExpression: '={{ { imei: $json.imei, carrier: $json.carrier } }}',
		node: {
			type: 'flexUnlock',
			parameters: { resource: 'unlock', operation: 'checkEligibility', imei: '={{ $json.imei }}', carrier: '={{ $json.carrier }}' },
		},
		succeeded: (json) => (json as { status?: unknown } | undefined)?.status === 'success',
	},
};

/** `n` valid, distinct IMEIs (TAC 35391211) as the items a previous node would hand over. */
export function inputItems(n: number): Array<{ imei: string; carrier: string }> {
	return Array.from({ length: n }, (_, index) => ({
		imei: withLuhn(`35391211${String(index % 1_000_000).padStart(6, '0')}`),
		carrier: 'T-Mobile',
	}));
}

export function clientLabel(client: Client): string {
	switch (client.kind) {
		case 'undici':
			return `raw undici, ${client.concurrency} in flight`;
		case 'httpRequest':
			return client.batching
				? `HTTP Request node, batching ${client.batching.size} / ${client.batching.intervalMs} ms`
				: 'HTTP Request node, no batching';
		case 'package': {
			const label = client.concurrency === undefined ? `this package, default (adaptive from ${START_WIDTH})` : `this package, concurrency ${client.concurrency}`;
			return client.functionAuth ? `${label}, what-if: credential authenticate as a function` : label;
		}
		case 'helperOnly':
			return `n8n helper only, ${client.concurrency} in flight`;
	}
}

/**
 * Calls `handle` for each command-line flag; `value()` takes the flag's argument (the next word).
 * `handle` returns false for a flag it does not know.
 */
export function readFlags(argv: string[], handle: (flag: string, value: () => string) => boolean): void {
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = () => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		if (!handle(flag, value)) throw new Error(`unknown flag ${flag}`);
	}
}

/** `--limit 20/2s` or `100/500ms` → a rate limit. */
export function parseLimit(text: string): RateLimit {
	const match = /^(\d+)\/(\d+)(ms|s)$/.exec(text);
	if (!match) throw new Error('--limit: expected <n>/<window>, e.g. 20/2s or 100/10s');
	return { limit: Number(match[1]), windowMs: Number(match[2]) * (match[3] === 's' ? 1000 : 1) };
}
