/** The log of answered requests an API keeps for tests and `/_sim/state`, by recognised account. */
import type { SimRequest } from './http';

export interface AccountRequestLogEntry {
	at: string;
	method: string;
	path: string;
	/** Demo account name once the key was recognised. */
	account?: string;
	status: number;
}

/** The most entries a log keeps; the oldest are dropped first. */
export const MAX_LOG = 10_000;

export class AccountRequestLog {
	/** Every request answered, newest last. */
	entries: AccountRequestLogEntry[] = [];

	constructor(private readonly now: () => number) {}

	/** The pipeline's `record` step. */
	readonly record = (req: SimRequest, account: string | undefined, status: number): void => {
		this.entries.push({ at: new Date(this.now()).toISOString(), method: req.method, path: req.path, account, status });
		if (this.entries.length > MAX_LOG) this.entries.splice(0, this.entries.length - MAX_LOG);
	};

	clear(): void {
		this.entries = [];
	}
}
