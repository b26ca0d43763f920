/**
 * `npm run probe -- --service flexykey|flexunlock|ceksafe --base-url URL`: checks, against a real
 * account, every assumption this package makes where the vendor docs are silent (paths, query
 * forms, answer shapes, error shapes, rate-limit headers), with read-only calls only, and prints
 * for each whether the answer matched the strict reading, a tolerated variant (which), or nothing.
 * It reads the answers with the same reader modules as the nodes, so what it reports is what the
 * nodes would do. The output holds no secrets and is meant to be pasted into a bug report.
 *
 * Secrets come from environment variables (FLEXYKEY_USERNAME, FLEXYKEY_PASSWORD, FLEXUNLOCK_API_KEY,
 * CEKSAFE_API_KEY) or, on a terminal, a prompt that does not echo. Exit code 1 when an assumption
 * failed, 2 on bad usage.
 */
import { createInterface } from 'node:readline';
import { readRetryAfter } from '../nodes/shared/rate-limit-headers';
import { describeTopLevel, field, isObject, STRICT, type Reading } from '../nodes/shared/contract';
import {
	entryFields,
	LIST_ENDPOINTS,
	readEntryPage,
	readIoStates,
	readList,
	readSettingRules,
	readSyncStatus,
	readUnit,
	readUnitInfoProfiles,
	readUnitInfoTypes,
	unitFields,
	type ListName,
} from '../nodes/FlexyKey/contract';
import { flexyKey } from '../nodes/FlexyKey/transport';
import { readOrderStatus, readSupportedServices, readWebhooks } from '../nodes/FlexUnlock/contract';
import { flexUnlock } from '../nodes/FlexUnlock/transport';
import { readHistoryPage } from '../nodes/CekSafe/contract';
import { cekSafe } from '../nodes/CekSafe/transport';
import type { ServiceSpec } from '../nodes/shared/transport';

export type Service = 'flexykey' | 'flexunlock' | 'ceksafe';
export type Verdict = 'strict' | 'tolerated' | 'failed' | 'skipped';

export interface Finding {
	verdict: Verdict;
	/** `path`, `query`, `shape`, `error`, `headers`. */
	kind: string;
	/** The call, e.g. `GET /Units`. */
	call: string;
	/** What was assumed, and what was seen. */
	detail: string;
}

export interface ProbeOptions {
	service: Service;
	baseUrl: string;
	secrets: Record<string, string>;
	/** FlexyKey: the unit to read (default: the first unit listed). */
	unitId?: string;
	/** FlexUnlock: an order to read the status of. */
	orderId?: string;
	/** FlexUnlock: a device to run the (free, read-only) eligibility check for. */
	imei?: string;
	carrier?: string;
}

interface Answer {
	status: number;
	headers: Headers;
	body: unknown;
	/** The raw text when it is not JSON. */
	text: string;
}

type Auth = Record<string, string>;

/** Longest `Retry-After` the probe sits out before it calls again (a longer one is reported, not waited for). */
const MAX_RETRY_WAIT_MS = 60_000;
/** Calls repeated after a 429 before the 429 is taken as the answer. */
const MAX_RATE_LIMIT_RETRIES = 3;

/** A `Retry-After` the probe met: on which call, and as written. */
interface RetryAfterSeen {
	call: string;
	status: number;
	raw: string | null;
}

/**
 * The probe's HTTP calls against one base URL, never logged with their headers. A 429 is sat out
 * (its `Retry-After`, at most a minute) and the call repeated, so a rate-limited account still gets
 * a full report; every `Retry-After` met on the way is kept for the rate-limit findings.
 */
class ProbeSession {
	readonly retryAfters: RetryAfterSeen[] = [];

	constructor(private readonly baseUrl: string) {}

	async call(auth: Auth, method: string, path: string, body?: unknown): Promise<Answer> {
		for (let attempt = 0; ; attempt++) {
			const answer = await this.once(auth, method, path, body);
			const raw = answer.headers.get('retry-after');
			if (answer.status === 429 || raw !== null) this.retryAfters.push({ call: `${method} ${path.split('?')[0]}`, status: answer.status, raw });
			if (answer.status !== 429 || attempt >= MAX_RATE_LIMIT_RETRIES) return answer;
			const wait = readRetryAfter(raw, Date.now())?.waitMs ?? 1000;
			if (wait > MAX_RETRY_WAIT_MS) return answer;
			await new Promise((resolve) => setTimeout(resolve, Math.max(250, wait)));
		}
	}

	private async once(auth: Auth, method: string, path: string, body?: unknown): Promise<Answer> {
		const response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
			method,
			headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...auth },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = undefined;
		try {
			parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
		} catch {
			parsed = undefined;
		}
		return { status: response.status, headers: response.headers, body: parsed, text };
	}
}

/**
 * The `Retry-After` format (inferred: whole seconds; the pacer also reads an HTTP date): OK for
 * seconds, TOLERATED for an HTTP date or fractional seconds, FAILED for anything else or for a 429
 * without one where the vendor documents it. SKIPPED when the probe met no 429.
 */
function retryAfterFinding(session: ProbeSession, documented: boolean): Finding {
	const seen = session.retryAfters;
	const call = 'Retry-After';
	if (seen.length === 0) {
		return { verdict: 'skipped', kind: 'headers', call, detail: 'no 429 met during the probe, so the Retry-After format was not seen (assumed: delta-seconds; an HTTP date is read too)' };
	}
	const readings = seen.map((entry) => ({ ...entry, reading: readRetryAfter(entry.raw, Date.now()) }));
	const where = (entry: RetryAfterSeen) => `${entry.call} (HTTP ${entry.status})`;
	const unreadable = readings.filter((entry) => entry.raw !== null && entry.reading === undefined);
	if (unreadable.length > 0) {
		return { verdict: 'failed', kind: 'headers', call, detail: `Retry-After as delta-seconds or an HTTP date; got "${String(unreadable[0].raw).slice(0, 40)}" on ${where(unreadable[0])}: the pacer then waits for X-RateLimit-Reset or 1 s` };
	}
	const missing = readings.filter((entry) => entry.raw === null);
	if (missing.length > 0 && documented) {
		return { verdict: 'failed', kind: 'headers', call, detail: `a 429 carries Retry-After (documented); none on ${where(missing[0])}` };
	}
	const forms = [...new Set(readings.flatMap((entry) => (entry.reading ? [entry.reading.form] : [])))];
	const absent = missing.length > 0 ? `; ${missing.length} 429 answer(s) without one (the pacer then waits for X-RateLimit-Reset)` : '';
	const strict = forms.length === 1 && forms[0] === 'seconds' && missing.length === 0;
	return {
		verdict: strict ? 'strict' : 'tolerated',
		kind: 'headers',
		call,
		detail: `Retry-After as delta-seconds; seen ${seen.length} time(s) as ${forms.join(' and ') || 'nothing'} (first on ${where(seen[0])})${absent}`,
	};
}

const fromReading = (kind: string, callName: string, assumed: string, reading: Reading<unknown>): Finding =>
	reading.ok
		? { verdict: reading.variant === STRICT ? 'strict' : 'tolerated', kind, call: callName, detail: reading.variant === STRICT ? assumed : `${assumed}; read as: ${reading.variant}` }
		: { verdict: 'failed', kind, call: callName, detail: `${assumed}; expected ${reading.missing}, got ${reading.seen}` };

/** A read that must answer 2xx for its path/query assumption to hold. */
function statusFinding(kind: string, callName: string, assumed: string, answer: Answer, spec: ServiceSpec): Finding | undefined {
	if (answer.status >= 200 && answer.status < 300) return undefined;
	const vendor = spec.parseError(answer.body ?? answer.text);
	return { verdict: 'failed', kind, call: callName, detail: `${assumed}; answered HTTP ${answer.status}${vendor.message ? ` (${vendor.message})` : ''}` };
}

function errorShapeFinding(callName: string, assumed: string, answer: Answer, spec: ServiceSpec, expectStatus: number[]): Finding {
	if (!expectStatus.includes(answer.status)) {
		return { verdict: 'failed', kind: 'error', call: callName, detail: `${assumed}; expected HTTP ${expectStatus.join('/')}, got HTTP ${answer.status}` };
	}
	const vendor = spec.parseError(answer.body ?? answer.text);
	if (!vendor.message) return { verdict: 'failed', kind: 'error', call: callName, detail: `${assumed}; no message found in ${describeTopLevel(answer.body ?? answer.text)}` };
	return { verdict: 'strict', kind: 'error', call: callName, detail: `${assumed}; message "${vendor.message.slice(0, 80)}"` };
}

/** The X-RateLimit-* headers: documented for FlexUnlock (every answer), inferred for the others. */
function rateLimitFinding(callName: string, answer: Answer, documented: boolean): Finding {
	const names = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];
	const present = names.filter((name) => answer.headers.get(name) !== null);
	if (present.length === names.length) {
		const reset = Number(answer.headers.get('x-ratelimit-reset'));
		const form = reset > 1e12 ? 'Unix milliseconds (tolerated)' : reset >= 1e9 ? 'Unix seconds' : 'seconds left (tolerated)';
		return { verdict: form === 'Unix seconds' ? 'strict' : 'tolerated', kind: 'headers', call: callName, detail: `X-RateLimit-Limit/Remaining/Reset present; Reset as ${form}` };
	}
	return {
		verdict: documented ? 'failed' : 'tolerated',
		kind: 'headers',
		call: callName,
		detail: `X-RateLimit-* ${present.length === 0 ? 'absent' : `partly present (${present.join(', ')})`}; the pacer then relies on 429 + Retry-After only`,
	};
}

function isoDay(offsetDays: number): string {
	return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

// --- FlexyKey ------------------------------------------------------------------------------------

async function probeFlexyKey(options: ProbeOptions): Promise<Finding[]> {
	const basic = Buffer.from(`${options.secrets.username}:${options.secrets.password}`).toString('base64');
	const auth = { Authorization: `Basic ${basic}` };
	const session = new ProbeSession(options.baseUrl);
	const get = (path: string) => session.call(auth, 'GET', path);
	const findings: Finding[] = [];
	const list = async (name: ListName, path: string, kind = 'shape'): Promise<Answer> => {
		const answer = await get(path);
		const failed = statusFinding('path', `GET ${path}`, `${LIST_ENDPOINTS[name]} exists`, answer, flexyKey);
		findings.push(failed ?? fromReading(kind, `GET ${path}`, 'a list of rows (a bare array)', readList(name, answer.body)));
		return answer;
	};

	const units = await list('units', '/Units');
	findings.push(rateLimitFinding('GET /Units', units, false));
	const unitRows = readList('units', units.body);
	const unitId = options.unitId ?? (unitRows.ok ? unitRows.value.map(unitFields).find((unit) => unit.unitId)?.unitId : undefined);
	if (unitRows.ok && unitRows.value.length > 0) {
		const first = unitFields(unitRows.value[0]);
		findings.push({
			verdict: first.unitId && first.serialNumber ? (field(unitRows.value[0], ['unitId'])?.variant === STRICT ? 'strict' : 'tolerated') : 'failed',
			kind: 'shape',
			call: 'GET /Units',
			detail: `a unit carries unitId and serialNumber (seen keys: ${Object.keys(unitRows.value[0]).join(', ')})`,
		});
	}
	if (!unitId) {
		findings.push({ verdict: 'skipped', kind: 'path', call: 'unit reads', detail: 'no unit to read (pass --unit-id)' });
	} else {
		const unit = await get(`/Units/${unitId}`);
		findings.push(statusFinding('path', `GET /Units/${unitId}`, 'GET /Units/{unitId} is the single-unit form', unit, flexyKey) ?? fromReading('shape', `GET /Units/${unitId}`, 'one unit object', readUnit(unit.body)));
		const control = await get(`/Control?unitId=${unitId}`);
		findings.push(
			statusFinding('query', `GET /Control?unitId=${unitId}`, 'GET /Control takes ?unitId=', control, flexyKey) ?? {
				verdict: isObject(control.body) && 'unitId' in control.body ? 'strict' : 'failed',
				kind: 'shape',
				call: `GET /Control?unitId=${unitId}`,
				detail: `the status object (documented fields), seen ${describeTopLevel(control.body)}`,
			},
		);
		if (isObject(control.body)) findings.push(fromReading('shape', `GET /Control?unitId=${unitId}`, 'IO items { globalNumber, state }', readIoStates(control.body)));
		await list('unitMessages', `/UnitMessages?unitId=${unitId}&limit=5`);
		await list('settings', `/UnitSettings?unitId=${unitId}`);
		const sync = await get(`/UnitSync/Status?unitId=${unitId}`);
		findings.push(statusFinding('query', `GET /UnitSync/Status?unitId=${unitId}`, 'GET /UnitSync/Status takes ?unitId=', sync, flexyKey) ?? fromReading('shape', `GET /UnitSync/Status?unitId=${unitId}`, 'a sync status (status, active, syncId, percent, resultMessage)', readSyncStatus(sync.body)));
		const entries = await get(`/UnitIdEntries?unitId=${unitId}&limit=2&offset=0`);
		const page = readEntryPage(entries.body);
		findings.push(statusFinding('query', `GET /UnitIdEntries?unitId=${unitId}&limit=2&offset=0`, 'limit/offset paging', entries, flexyKey) ?? fromReading('shape', 'GET /UnitIdEntries', 'a page { items, total, limit, offset }', page));
		if (page.ok && page.value.rows.length > 0) {
			const row = entryFields(page.value.rows[0]);
			findings.push({ verdict: row.id ? 'strict' : 'failed', kind: 'shape', call: 'GET /UnitIdEntries', detail: `an entry carries id, idNumber, unitSyncState (read: id ${row.id ? 'yes' : 'no'}, idNumber ${row.idNumber ? 'yes' : 'no'}, unitSyncState ${row.unitSyncState ?? 'none'})` });
		}
		await list('webhooks', `/Webhooks?unitId=${unitId}`);
		const logs = await get(`/Logs?unitId=${unitId}&from=${isoDay(-1)}T00:00:00Z&to=${isoDay(1)}T00:00:00Z`);
		findings.push(
			logs.status === 400
				? { verdict: 'skipped', kind: 'path', call: 'GET /Logs', detail: `answered 400 (an Evva unit has no logs): ${flexyKey.parseError(logs.body).message ?? ''}` }
				: (statusFinding('query', 'GET /Logs?unitId&from&to', 'ISO UTC from/to', logs, flexyKey) ?? fromReading('shape', 'GET /Logs', 'a list of log rows', readList('logs', logs.body))),
		);
	}

	const catalog = await get('/RequestUnitInfoTypes');
	findings.push(statusFinding('path', 'GET /RequestUnitInfoTypes', 'the catalog path', catalog, flexyKey) ?? fromReading('shape', 'GET /RequestUnitInfoTypes', 'command types under "types"', readUnitInfoTypes(catalog.body)));
	findings.push(fromReading('shape', 'GET /RequestUnitInfoTypes', 'profiles under "profiles" with typeNames', readUnitInfoProfiles(catalog.body)));

	const definitions = await list('settingDefinitions', '/UnitSettings/Definitions');
	const definitionRows = readList('settingDefinitions', definitions.body);
	if (definitionRows.ok) {
		for (const definition of definitionRows.value) {
			const rules = readSettingRules(definition);
			if (!rules) {
				findings.push({ verdict: 'failed', kind: 'shape', call: 'GET /UnitSettings/Definitions', detail: `a definition without a setting name (keys: ${Object.keys(definition).join(', ')})` });
				continue;
			}
			const unread = rules.unreadKeys.length > 0 ? `; keys not understood (the node warns): ${rules.unreadKeys.join(', ')}` : '';
			findings.push({
				verdict: rules.variant === STRICT && unread === '' ? 'strict' : 'tolerated',
				kind: 'shape',
				call: 'GET /UnitSettings/Definitions',
				detail: `rules of ${rules.setting}${rules.variant === STRICT ? '' : `; read as: ${rules.variant}`}${unread}`,
			});
		}
	}
	await list('webhookEvents', '/Webhooks/Events');
	const objects = await list('bookingObjects', '/BookingObjects');
	const objectRows = readList('bookingObjects', objects.body);
	const objectId = objectRows.ok ? objectRows.value.map((row) => row.bookingObjectId ?? row.id).find((id) => id !== undefined) : undefined;
	if (objectId !== undefined) await list('bookings', `/Bookings?bookingObjectId=${String(objectId)}&from=${isoDay(-7)}T00:00:00Z&to=${isoDay(7)}T00:00:00Z`);

	const missing = await get('/Units/999999999');
	findings.push(errorShapeFinding('GET /Units/999999999', 'errors are { status, message }', missing, flexyKey, [403, 404]));
	const denied = await session.call({ Authorization: `Basic ${Buffer.from('probe-invalid:probe-invalid').toString('base64')}` }, 'GET', '/Units');
	findings.push(errorShapeFinding('GET /Units (wrong password)', '401 with a message', denied, flexyKey, [401]));
	findings.push(retryAfterFinding(session, false));
	return findings;
}

// --- FlexUnlock ----------------------------------------------------------------------------------

async function probeFlexUnlock(options: ProbeOptions): Promise<Finding[]> {
	const auth = { Authorization: `Bearer ${options.secrets.apiKey}` };
	const session = new ProbeSession(options.baseUrl);
	const findings: Finding[] = [];
	const webhooks = await session.call(auth, 'GET', '/webhooks');
	findings.push(statusFinding('path', 'GET /v1/webhooks', 'the webhook list path', webhooks, flexUnlock) ?? fromReading('shape', 'GET /v1/webhooks', '{ webhooks: [{ id, url, events }] }', readWebhooks(webhooks.body)));
	findings.push(rateLimitFinding('GET /v1/webhooks', webhooks, true));

	if (options.orderId) {
		const order = await session.call(auth, 'POST', '/unlock/status', { order_id: options.orderId });
		findings.push(statusFinding('path', 'POST /v1/unlock/status', 'the order status path with { order_id }', order, flexUnlock) ?? fromReading('shape', 'POST /v1/unlock/status', '{ order_id, order_status, unlock_code }', readOrderStatus(order.body)));
	} else {
		const unknown = await session.call(auth, 'POST', '/unlock/status', { order_id: 'ord_probe_does_not_exist' });
		findings.push(
			unknown.status === 404 || unknown.status === 400
				? errorShapeFinding('POST /v1/unlock/status (unknown order)', 'the status path exists; errors are { error }', unknown, flexUnlock, [400, 404])
				: { verdict: 'failed', kind: 'path', call: 'POST /v1/unlock/status', detail: `an unknown order should answer 404 or 400, got HTTP ${unknown.status} (pass --order-id to read a real order)` },
		);
	}
	if (options.imei && options.carrier) {
		const check = await session.call(auth, 'POST', '/unlock/check', { imei: options.imei, carrier: options.carrier });
		findings.push(statusFinding('path', 'POST /v1/unlock/check', 'the documented check', check, flexUnlock) ?? fromReading('shape', 'POST /v1/unlock/check', 'supported_services (documented)', readSupportedServices(check.body)));
	} else {
		findings.push({ verdict: 'skipped', kind: 'shape', call: 'POST /v1/unlock/check', detail: 'pass --imei and --carrier to run the (documented, free) eligibility check' });
	}
	const denied = await session.call({ Authorization: 'Bearer probe-invalid-key' }, 'GET', '/webhooks');
	findings.push(errorShapeFinding('GET /v1/webhooks (wrong key)', '401 with { error }', denied, flexUnlock, [401]));
	// documented: "a 429 Too Many Requests response with a Retry-After header"
	findings.push(retryAfterFinding(session, true));
	return findings;
}

// --- CekSafe -------------------------------------------------------------------------------------

async function probeCekSafe(options: ProbeOptions): Promise<Finding[]> {
	const auth = { Authorization: `Bearer ${options.secrets.apiKey}` };
	const session = new ProbeSession(options.baseUrl);
	const findings: Finding[] = [];
	const history = await session.call(auth, 'GET', '/history?page=1&limit=1');
	findings.push(statusFinding('path', 'GET /history', 'the documented history', history, cekSafe) ?? fromReading('shape', 'GET /history', 'data.checks and data.pagination (documented)', readHistoryPage(history.body)));
	findings.push(rateLimitFinding('GET /history', history, false));
	const dated = await session.call(auth, 'GET', `/history?page=1&limit=1&from=${isoDay(-30)}&to=${isoDay(0)}`);
	findings.push(statusFinding('query', 'GET /history?from&to', 'from/to as YYYY-MM-DD', dated, cekSafe) ?? { verdict: 'strict', kind: 'query', call: 'GET /history?from&to', detail: 'from/to as YYYY-MM-DD accepted' });
	const largest = await session.call(auth, 'GET', '/history?page=1&limit=100');
	findings.push(statusFinding('query', 'GET /history?limit=100', 'limit up to 100', largest, cekSafe) ?? { verdict: 'strict', kind: 'query', call: 'GET /history?limit=100', detail: 'limit 100 accepted' });
	const denied = await session.call({ Authorization: 'Bearer probe-invalid-key' }, 'GET', '/history?page=1&limit=1');
	findings.push(errorShapeFinding('GET /history (wrong key)', '401 with { success: false, error: { code, message } }', denied, cekSafe, [401]));
	findings.push({ verdict: 'skipped', kind: 'shape', call: 'POST /check', detail: 'not called: every check is billed (its shape is documented)' });
	findings.push(retryAfterFinding(session, false));
	return findings;
}

// --- running it ----------------------------------------------------------------------------------

const PROBES: Record<Service, (options: ProbeOptions) => Promise<Finding[]>> = {
	flexykey: probeFlexyKey,
	flexunlock: probeFlexUnlock,
	ceksafe: probeCekSafe,
};

/** The secrets each service needs: environment variable and prompt label. */
export const SECRETS: Record<Service, Array<{ name: string; env: string; label: string; hidden: boolean }>> = {
	flexykey: [
		{ name: 'username', env: 'FLEXYKEY_USERNAME', label: 'FlexyKey username', hidden: false },
		{ name: 'password', env: 'FLEXYKEY_PASSWORD', label: 'FlexyKey password', hidden: true },
	],
	flexunlock: [{ name: 'apiKey', env: 'FLEXUNLOCK_API_KEY', label: 'FlexUnlock API key', hidden: true }],
	ceksafe: [{ name: 'apiKey', env: 'CEKSAFE_API_KEY', label: 'CekSafe API key', hidden: true }],
};

const LABELS: Record<Verdict, string> = { strict: 'OK        ', tolerated: 'TOLERATED ', failed: 'FAILED    ', skipped: 'SKIPPED   ' };

/** The report, one line per assumption, then a summary. */
export function formatReport(options: ProbeOptions, findings: Finding[]): string {
	const count = (verdict: Verdict) => findings.filter((finding) => finding.verdict === verdict).length;
	const lines = [
		`n8n-nodes-device-access contract probe: ${options.service} at ${options.baseUrl} (${new Date().toISOString()})`,
		'OK = the strict reading held; TOLERATED = another shape, read as said; FAILED = no reading matched.',
		...findings.map((finding) => `${LABELS[finding.verdict]}[${finding.kind}] ${finding.call}: ${finding.detail}`),
		`Summary: ${count('strict')} ok, ${count('tolerated')} tolerated, ${count('failed')} failed, ${count('skipped')} skipped`,
	];
	// A secret never reaches the report, even if a server echoed it back.
	return Object.values(options.secrets)
		.filter((secret) => secret.length >= 4)
		.reduce((text, secret) => text.split(secret).join('***'), lines.join('\n'));
}

export async function runProbe(options: ProbeOptions): Promise<{ exitCode: number; report: string; findings: Finding[] }> {
	const findings = await PROBES[options.service](options);
	return { exitCode: findings.some((finding) => finding.verdict === 'failed') ? 1 : 0, report: formatReport(options, findings), findings };
}

function parseArgs(argv: string[]): Record<string, string> {
	const args: Record<string, string> = {};
	for (let index = 0; index < argv.length; index++) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[index]);
		if (!match) throw new Error(`unexpected argument "${argv[index]}"`);
		args[match[1]] = match[2] ?? argv[++index] ?? '';
	}
	return args;
}

async function prompt(label: string, hidden: boolean): Promise<string> {
	const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
	const output = rl as unknown as { _writeToOutput?: (text: string) => void };
	if (hidden) {
		process.stderr.write(`${label}: `);
		output._writeToOutput = () => {};
	}
	const answer = await new Promise<string>((resolve) => rl.question(hidden ? '' : `${label}: `, resolve));
	rl.close();
	if (hidden) process.stderr.write('\n');
	return answer.trim();
}

async function main(): Promise<void> {
	const usage = 'usage: npm run probe -- --service flexykey|flexunlock|ceksafe --base-url URL [--unit-id ID] [--order-id ID] [--imei IMEI --carrier NAME]';
	let args: Record<string, string>;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n${usage}`);
		process.exitCode = 2;
		return;
	}
	const service = args.service as Service;
	if (!(service in PROBES) || !/^https?:\/\//.test(args['base-url'] ?? '')) {
		console.error(usage);
		process.exitCode = 2;
		return;
	}
	const secrets: Record<string, string> = {};
	for (const secret of SECRETS[service]) {
		const value = process.env[secret.env] ?? (process.stdin.isTTY ? await prompt(secret.label, secret.hidden) : '');
		if (!value) {
			console.error(`${secret.label} missing: set ${secret.env}`);
			process.exitCode = 2;
			return;
		}
		secrets[secret.name] = value;
	}
	const { exitCode, report } = await runProbe({
		service,
		baseUrl: args['base-url'],
		secrets,
		unitId: args['unit-id'],
		orderId: args['order-id'],
		imei: args.imei,
		carrier: args.carrier,
	});
	console.log(report);
	process.exitCode = exitCode;
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(`probe failed: ${(error as Error).message}`);
		process.exitCode = 1;
	});
}
