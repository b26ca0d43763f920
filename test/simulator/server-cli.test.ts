/** The pure option parser behind `npm run simulator` (`simulator/cli-options.ts`). */
import { CliError, OPTIONS, parseCliOptions, parseRateLimit, usage } from '../../simulator/cli-options';
import { defaultConfig, mergeConfig } from '../../simulator/config';

describe('parseCliOptions', () => {
	test('no arguments and no environment: nothing overridden', () => {
		expect(parseCliOptions([], {})).toEqual({ help: false, config: {} });
	});

	test('flags in both --flag value and --flag=value forms', () => {
		const { config } = parseCliOptions(
			['--port', '0', '--host=0.0.0.0', '--latency-ms', '25', '--fault-500=0.1', '--fault-reset', '0.05', '--fault-malformed', '0.02', '--fault-slow', '0.5', '--slow-ms', '800'],
			{},
		);
		expect(config).toEqual({
			port: 0,
			host: '0.0.0.0',
			faults: { latencyMs: 25, error500: 0.1, connectionReset: 0.05, malformedJson: 0.02, slow: 0.5, slowMs: 800 },
		});
	});

	test('per-API knobs', () => {
		const { config } = parseCliOptions(
			[
				'--sync-ms', '100',
				'--status-cache-ms', '0',
				'--unit-info-delay-ms', '5',
				'--unit-info-cache-ms', '50',
				'--order-step-ms', '250',
				'--flexunlock-limit', '100/2s',
				'--ceksafe-limit', 'plan',
				'--flexykey-limit', 'off',
			],
			{},
		);
		expect(config).toEqual({
			flexykey: { syncDurationMs: 100, statusCacheMs: 0, unitInfoDelayMs: 5, unitInfoCacheMs: 50, rateLimit: { mode: 'off' } },
			flexunlock: { orderStepMs: 250, rateLimit: { mode: 'fixed', limit: 100, windowMs: 2_000 } },
			ceksafe: { rateLimit: { mode: 'plan' } },
		});
	});

	test('environment variables, with flags winning over them', () => {
		const env = { SIM_PORT: '7000', SIM_ORDER_STEP_MS: '10', SIM_CEKSAFE_LIMIT: '5/1m', SIM_FAULT_500: '', UNRELATED: 'x' };
		expect(parseCliOptions([], env).config).toEqual({
			port: 7000,
			flexunlock: { orderStepMs: 10 },
			ceksafe: { rateLimit: { mode: 'fixed', limit: 5, windowMs: 60_000 } },
		});
		expect(parseCliOptions(['--port', '7001'], env).config.port).toBe(7001);
	});

	test('--help and -h', () => {
		expect(parseCliOptions(['--help'], {}).help).toBe(true);
		expect(parseCliOptions(['-h'], {}).help).toBe(true);
	});

	test.each([
		[['--nope']],
		[['port', '1']],
		[['--port']],
		[['--port', '--host', 'x']],
		[['--port', '70000']],
		[['--port', '-1']],
		[['--port', '12.5']],
		[['--fault-500', '1.5']],
		[['--fault-500', 'often']],
		[['--latency-ms', 'soon']],
		[['--flexunlock-limit', 'fast']],
		[['--flexunlock-limit', '0/1s']],
		[['--ceksafe-limit', '10/2d']],
		[['--host', '']],
	])('rejects %p with a CliError', (argv) => {
		expect(() => parseCliOptions(argv, {})).toThrow(CliError);
	});

	test('bad environment values are reported with the variable name', () => {
		expect(() => parseCliOptions([], { SIM_FAULT_RESET: '2' })).toThrow(/SIM_FAULT_RESET/);
	});

	test('the result merges over the defaults without losing other knobs', () => {
		const { config } = parseCliOptions(['--flexunlock-limit', '3/500ms', '--fault-500', '0.2'], {});
		const merged = mergeConfig(defaultConfig(), config);
		expect(merged.flexunlock).toEqual({ rateLimit: { mode: 'fixed', limit: 3, windowMs: 500 }, orderStepMs: 2_000 });
		expect(merged.faults).toEqual({ ...defaultConfig().faults, error500: 0.2 });
		expect(merged.port).toBe(5680);
		const plan = mergeConfig(defaultConfig(), parseCliOptions(['--ceksafe-limit', 'plan'], {}).config);
		expect(plan.ceksafe.rateLimit).toEqual(defaultConfig().ceksafe.rateLimit);
	});

	test('--rate-limit-headers / SIM_RATE_LIMIT_HEADERS takes a header form (any case)', () => {
		expect(parseCliOptions(['--rate-limit-headers', 'IETF'], {}).config.rateLimitHeaders).toBe('ietf');
		expect(parseCliOptions([], { SIM_RATE_LIMIT_HEADERS: 'ratelimit-split' }).config.rateLimitHeaders).toBe('ratelimit-split');
		expect(() => parseCliOptions([], { SIM_RATE_LIMIT_HEADERS: 'x' })).toThrow('SIM_RATE_LIMIT_HEADERS: expected one of dialect, x-ratelimit-ms');
	});

	test('every knob of SimConfig has a flag and an environment variable', () => {
		const leaves = (value: unknown, prefix = ''): string[] =>
			value && typeof value === 'object'
				? Object.entries(value).flatMap(([key, inner]) =>
						key === 'rateLimit' ? [`${prefix}${key}`] : leaves(inner, `${prefix}${key}.`),
					)
				: [prefix.slice(0, -1)];
		const covered = new Set<string>();
		for (const option of OPTIONS) {
			const sample = option.flag.endsWith('limit')
				? '1/1s'
				: option.flag === 'host'
					? 'localhost'
					: option.flag.startsWith('fault-')
						? '0.5'
						: option.flag === 'dialect'
							? 'b'
							: option.flag === 'rate-limit-headers'
								? 'ietf'
								: '1';
			const { config } = parseCliOptions([`--${option.flag}`, sample], {});
			leaves(config).forEach((path) => covered.add(path.replace(/\.rateLimit\..*$/, '.rateLimit')));
			expect(option.env).toMatch(/^SIM_[A-Z0-9_]+$/);
			expect(usage).toContain(`--${option.flag}`);
			expect(usage).toContain(option.env);
		}
		expect([...covered].sort()).toEqual(leaves(defaultConfig()).sort());
	});
});

describe('--dialect', () => {
	test('takes a, b or minimal from the flag or SIM_DIALECT (any case), the flag winning', () => {
		expect(parseCliOptions(['--dialect', 'b']).config.dialect).toBe('b');
		expect(parseCliOptions(['--dialect=MINIMAL']).config.dialect).toBe('minimal');
		expect(parseCliOptions([], { SIM_DIALECT: 'minimal' }).config.dialect).toBe('minimal');
		expect(parseCliOptions(['--dialect', 'a'], { SIM_DIALECT: 'b' }).config.dialect).toBe('a');
		expect(defaultConfig().dialect).toBe('a');
	});

	test('refuses anything else, naming the choices', () => {
		expect(() => parseCliOptions(['--dialect', 'c'])).toThrow('--dialect: expected one of a, b, minimal, got "c"');
		expect(() => parseCliOptions([], { SIM_DIALECT: 'x' })).toThrow('SIM_DIALECT: expected one of a, b, minimal');
	});
});

describe('parseRateLimit', () => {
	test.each([
		['plan', { mode: 'plan' }],
		['OFF', { mode: 'off' }],
		['100', { mode: 'fixed', limit: 100, windowMs: 60_000 }],
		['100/2s', { mode: 'fixed', limit: 100, windowMs: 2_000 }],
		['100/s', { mode: 'fixed', limit: 100, windowMs: 1_000 }],
		['10/500ms', { mode: 'fixed', limit: 10, windowMs: 500 }],
		['60/1m', { mode: 'fixed', limit: 60, windowMs: 60_000 }],
		['1000/h', { mode: 'fixed', limit: 1000, windowMs: 3_600_000 }],
		['5 / 1.5s', { mode: 'fixed', limit: 5, windowMs: 1_500 }],
	])('%s', (text, expected) => {
		expect(parseRateLimit(text)).toEqual(expected);
	});
});
