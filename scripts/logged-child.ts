/**
 * A helper server this process started (HAProxy, the local registry): its output goes to a log file,
 * it is killed if this process exits without stopping it (e.g. a failed set-up), and `stop()` ends it.
 */
import type { ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface LoggedChild {
	/** SIGTERM, then resolves once the child has exited; at once when it already has. */
	stop(): Promise<void>;
}

export function loggedChild(child: ChildProcess, logFile: string): LoggedChild {
	const log = createWriteStream(logFile);
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		async stop() {
			process.off('exit', killOnExit);
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		},
	};
}
