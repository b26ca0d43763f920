/**
 * `npm run simulator`: runs the three simulated APIs on one port until SIGINT/SIGTERM.
 * Options: `npm run simulator -- --help` (parsing lives in `cli-options.ts`).
 */
import { CliError, parseCliOptions, usage } from './cli-options';
import { cekSafeKeys, flexUnlockKeys, flexyKeyUsers } from './demo-credentials';
import { startSimulator } from './index';

async function main(): Promise<void> {
	let options;
	try {
		options = parseCliOptions(process.argv.slice(2), process.env);
	} catch (error) {
		if (!(error instanceof CliError)) throw error;
		console.error(`simulator: ${error.message}\n\n${usage}`);
		process.exitCode = 2;
		return;
	}
	if (options.help) {
		console.log(usage);
		return;
	}

	const sim = await startSimulator(options.config);
	const { config } = sim;
	const limit = (knob: typeof config.ceksafe.rateLimit) =>
		knob.mode === 'fixed' ? `${knob.limit} per ${knob.windowMs} ms per key` : knob.mode;
	const lines = [
		`Device-access API simulator listening on ${sim.baseUrl}`,
		`Dialect of inferred response shapes: ${config.dialect} (docs/simulator.md, "Dialects")`,
		'',
		`FlexyKey    ${sim.urls.flexykey}   (Basic auth, rate limit: ${limit(config.flexykey.rateLimit)})`,
		...Object.values(flexyKeyUsers).map((user) => `  ${user.username} / ${user.password}   (${user.company})`),
		'',
		`FlexUnlock  ${sim.urls.flexunlock}   (Bearer key, rate limit: ${limit(config.flexunlock.rateLimit)}, order step ${config.flexunlock.orderStepMs} ms)`,
		...Object.values(flexUnlockKeys).map((key) => `  ${key.key}   (${key.plan}: ${key.perMinute}/min, ${key.perDay}/day)`),
		'',
		`CekSafe     ${sim.urls.ceksafe}   (Bearer key, rate limit: ${limit(config.ceksafe.rateLimit)})`,
		...Object.values(cekSafeKeys).map(
			(key) => `  ${key.key}   (${key.tier}: ${key.perMinute}/min${key.tier === 'Starter' ? ', no API access: 403' : ''})`,
		),
		'',
		`Admin: GET ${sim.baseUrl}/_sim/state, POST /_sim/reset, PATCH /_sim/config, PATCH /_sim/faults, GET /_sim/deliveries`,
		'Press Ctrl+C to stop.',
	];
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the simulator`);
		sim.stop().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
	console.error(`simulator: ${error.message}`);
	process.exit(1);
});
