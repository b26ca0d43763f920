/**
 * Command-line and environment options of `npm run simulator` (see `bin.ts`), kept pure so tests can
 * cover them: flags win over environment variables, which win over `defaultConfig()`.
 */
import type { DeepPartial, RateLimitKnob, SimConfig } from './config';
import { DIALECTS, isDialect } from './core/dialect';
import { isRateHeaderForm, RATE_HEADER_FORMS } from './core/rate-limit';

export class CliError extends Error {}

export interface CliOptions {
	help: boolean;
	/** Only the knobs that were given; merge over the defaults with `mergeConfig`. */
	config: DeepPartial<SimConfig>;
}

type Apply = (config: DeepPartial<SimConfig>, raw: string, name: string) => void;

interface OptionSpec {
	flag: string;
	env: string;
	value: string;
	help: string;
	apply: Apply;
}

function integer(raw: string, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
	if (!/^\d+$/.test(raw.trim())) throw new CliError(`${name}: expected a whole number, got "${raw}"`);
	const value = Number(raw.trim());
	if (value < min || value > max) throw new CliError(`${name}: must be between ${min} and ${max}, got ${value}`);
	return value;
}

function probability(raw: string, name: string): number {
	const value = Number(raw.trim());
	if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
		throw new CliError(`${name}: expected a probability between 0 and 1, got "${raw}"`);
	}
	return value;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * `plan` (each key's documented plan limit), `off`, `<n>` (n per minute for every key) or
 * `<n>/<duration>` with duration `500ms`, `2s`, `s`, `1m`, `h` (n per window for every key).
 */
export function parseRateLimit(raw: string, name = 'rate limit'): Partial<RateLimitKnob> {
	const text = raw.trim().toLowerCase();
	if (text === 'plan' || text === 'off') return { mode: text };
	const match = /^(\d+)(?:\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|m|h))?$/.exec(text);
	if (!match) {
		throw new CliError(`${name}: expected "plan", "off", "<n>" (per minute) or "<n>/<duration>" like 100/2s, got "${raw}"`);
	}
	const limit = Number(match[1]);
	if (limit < 1) throw new CliError(`${name}: the limit must be at least 1 (use "off" for no limit)`);
	const windowMs = match[3] ? Math.round(Number(match[2] ?? '1') * UNIT_MS[match[3]]) : 60_000;
	if (windowMs < 1) throw new CliError(`${name}: the window must be at least 1 ms`);
	return { mode: 'fixed', limit, windowMs };
}

const set =
	<K extends keyof SimConfig>(section: K, key: string, parse: (raw: string, name: string) => unknown): Apply =>
	(config, raw, name) => {
		const target = ((config as Record<string, unknown>)[section] ??= {}) as Record<string, unknown>;
		target[key] = parse(raw, name);
	};

const ms = (raw: string, name: string) => integer(raw, name, 0);

export const OPTIONS: readonly OptionSpec[] = [
	{
		flag: 'port',
		env: 'SIM_PORT',
		value: '<n>',
		help: 'TCP port (0 = any free port); default 5680',
		apply: (config, raw, name) => (config.port = integer(raw, name, 0, 65_535)),
	},
	{
		flag: 'host',
		env: 'SIM_HOST',
		value: '<host>',
		help: 'interface to listen on; default 127.0.0.1',
		apply: (config, raw, name) => {
			if (!raw.trim()) throw new CliError(`${name}: must not be empty`);
			config.host = raw.trim();
		},
	},
	{
		flag: 'dialect',
		env: 'SIM_DIALECT',
		value: '<a|b|minimal>',
		help: 'shape of inferred responses (docs/simulator.md); default a',
		apply: (config, raw, name) => {
			const value = raw.trim().toLowerCase();
			if (!isDialect(value)) throw new CliError(`${name}: expected one of ${DIALECTS.join(', ')}, got "${raw}"`);
			config.dialect = value;
		},
	},
	{
		flag: 'rate-limit-headers',
		env: 'SIM_RATE_LIMIT_HEADERS',
		value: `<${RATE_HEADER_FORMS.join('|')}>`,
		help: 'form of the rate-limit headers of every API (docs/simulator.md); default dialect',
		apply: (config, raw, name) => {
			const value = raw.trim().toLowerCase();
			if (!isRateHeaderForm(value)) throw new CliError(`${name}: expected one of ${RATE_HEADER_FORMS.join(', ')}, got "${raw}"`);
			config.rateLimitHeaders = value;
		},
	},
	{ flag: 'latency-ms', env: 'SIM_LATENCY_MS', value: '<ms>', help: 'delay added to every API response', apply: set('faults', 'latencyMs', ms) },
	{ flag: 'fault-500', env: 'SIM_FAULT_500', value: '<p>', help: 'probability of an injected HTTP 500', apply: set('faults', 'error500', probability) },
	{ flag: 'fault-reset', env: 'SIM_FAULT_RESET', value: '<p>', help: 'probability of a dropped connection', apply: set('faults', 'connectionReset', probability) },
	{ flag: 'fault-malformed', env: 'SIM_FAULT_MALFORMED', value: '<p>', help: 'probability of a truncated JSON body', apply: set('faults', 'malformedJson', probability) },
	{ flag: 'fault-slow', env: 'SIM_FAULT_SLOW', value: '<p>', help: 'probability of a slow response', apply: set('faults', 'slow', probability) },
	{ flag: 'slow-ms', env: 'SIM_SLOW_MS', value: '<ms>', help: 'delay of a slow response; default 5000', apply: set('faults', 'slowMs', ms) },
	{ flag: 'flexykey-limit', env: 'SIM_FLEXYKEY_LIMIT', value: '<limit>', help: 'FlexyKey rate limit; default 600/1m', apply: set('flexykey', 'rateLimit', parseRateLimit) },
	{ flag: 'sync-ms', env: 'SIM_SYNC_MS', value: '<ms>', help: 'FlexyKey PushChanges duration; default 3000', apply: set('flexykey', 'syncDurationMs', ms) },
	{ flag: 'status-cache-ms', env: 'SIM_STATUS_CACHE_MS', value: '<ms>', help: 'FlexyKey status cache; default 2000', apply: set('flexykey', 'statusCacheMs', ms) },
	{ flag: 'unit-info-delay-ms', env: 'SIM_UNIT_INFO_DELAY_MS', value: '<ms>', help: 'FlexyKey RequestUnitInfo answer delay; default 1500', apply: set('flexykey', 'unitInfoDelayMs', ms) },
	{ flag: 'unit-info-cache-ms', env: 'SIM_UNIT_INFO_CACHE_MS', value: '<ms>', help: 'FlexyKey RequestUnitInfo cache; default 10000', apply: set('flexykey', 'unitInfoCacheMs', ms) },
	{ flag: 'flexunlock-limit', env: 'SIM_FLEXUNLOCK_LIMIT', value: '<limit>', help: 'FlexUnlock rate limit; default plan', apply: set('flexunlock', 'rateLimit', parseRateLimit) },
	{ flag: 'order-step-ms', env: 'SIM_ORDER_STEP_MS', value: '<ms>', help: 'FlexUnlock order step time (0 = manual only); default 2000', apply: set('flexunlock', 'orderStepMs', ms) },
	{ flag: 'ceksafe-limit', env: 'SIM_CEKSAFE_LIMIT', value: '<limit>', help: 'CekSafe rate limit; default plan', apply: set('ceksafe', 'rateLimit', parseRateLimit) },
];

export const usage = [
	'Usage: npm run simulator -- [options]',
	'',
	'Runs the FlexyKey, FlexUnlock and CekSafe API simulator. Every option can also be set by the',
	'environment variable shown; a flag wins over its variable.',
	'',
	...OPTIONS.map((option) => `  --${`${option.flag} ${option.value}`.padEnd(30)} ${option.env.padEnd(24)} ${option.help}`),
	`  ${'--help, -h'.padEnd(32)} ${''.padEnd(24)} show this help`,
	'',
	'<limit> is "plan" (each key\'s documented plan limit), "off", "<n>" (n per minute for every key)',
	'or "<n>/<duration>" (n per window for every key), e.g. 100/2s, 10/500ms, 60/1m.',
	'<p> is a probability between 0 and 1.',
].join('\n');

/** Parses `argv` (without node and script) and the environment into config overrides. */
export function parseCliOptions(
	argv: readonly string[],
	env: Readonly<Record<string, string | undefined>> = {},
): CliOptions {
	const config: DeepPartial<SimConfig> = {};
	let help = false;
	for (const option of OPTIONS) {
		const raw = env[option.env];
		if (raw !== undefined && raw !== '') option.apply(config, raw, option.env);
	}
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			help = true;
			continue;
		}
		const match = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(arg);
		const option = match && OPTIONS.find((candidate) => candidate.flag === match[1]);
		if (!match || !option) throw new CliError(`unknown option "${arg}" (see --help)`);
		let raw = match[2];
		if (raw === undefined) {
			raw = argv[i + 1];
			if (raw === undefined || raw.startsWith('--')) throw new CliError(`--${option.flag}: missing value`);
			i++;
		}
		option.apply(config, raw, `--${option.flag}`);
	}
	return { help, config };
}
