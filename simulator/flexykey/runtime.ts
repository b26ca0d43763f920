/**
 * Shared run-time plumbing for the FlexyKey route groups: the mutable state holder, timers that
 * `dispose()` clears, id counters, config knobs read at use time, and the authenticated request type.
 */
import type { SimConfig } from '../config';
import type { ClockTimer, SimClock } from '../core/clock';
import type { SimContext } from '../core/context';
import { currentDialect, type Dialect } from '../core/dialect';
import type { HttpMethod, Router, SimReply, SimRequest } from '../core/http';
import type { Routed } from '../core/pipeline';
import { seedState } from './seed';
import type { FlexyKeyState, FlexyKeyUser, LogRow } from './types';

/** The caller as the pipeline sees it: the claimed username (rate-limit key), then the verified user. */
export interface FkCaller {
	claimed: string | undefined;
	user?: FlexyKeyUser;
}

export interface FkRequest extends SimRequest {
	user: FlexyKeyUser;
}

export type FkHandler = (req: FkRequest) => SimReply | Promise<SimReply>;

/** Registers a handler that receives the authenticated user (set by the API's dispatcher). */
export function on(router: Router, method: HttpMethod, path: string, handler: FkHandler): void {
	router.on(method, path, (req) => handler({ ...req, user: (req as Routed<FkCaller>).caller.user! }));
}

/** Steps scheduled on the simulator's clock, all cancelled by `clear()` (reset and dispose). */
export class Timers {
	private readonly handles = new Set<ClockTimer>();

	constructor(private readonly clock: SimClock) {}

	after(ms: number, run: () => void): ClockTimer {
		const handle = this.clock.after(ms, () => {
			this.handles.delete(handle);
			run();
		});
		this.handles.add(handle);
		return handle;
	}

	cancel(handle: ClockTimer | undefined): void {
		if (!handle) return;
		this.clock.cancel(handle);
		this.handles.delete(handle);
	}

	clear(): void {
		this.handles.forEach((handle) => this.clock.cancel(handle));
		this.handles.clear();
	}

	get size(): number {
		return this.handles.size;
	}
}

type IdKind = keyof FlexyKeyState['nextId'];

export class Runtime {
	state: FlexyKeyState;
	readonly timers: Timers;

	constructor(readonly ctx: SimContext) {
		this.timers = new Timers(ctx.clock);
		this.state = seedState(ctx.clock.now());
	}

	/** The FlexyKey knobs, read afresh on every use (config may be replaced at run time). */
	knobs(): SimConfig['flexykey'] {
		return this.ctx.config.flexykey;
	}

	now(): number {
		return this.ctx.clock.now();
	}

	/** The live dialect of inferred response shapes (see dialects.ts). */
	dialect(): Dialect {
		return currentDialect(this.ctx.config.dialect);
	}

	nextId(kind: IdKind): number {
		return this.state.nextId[kind]++;
	}

	/** A row the server writes itself (syncs): visible at once. */
	addLog(row: Omit<LogRow, 'logId' | 'atMs'>): void {
		this.state.logs.push({ logId: this.nextId('log'), atMs: this.now(), ...row });
	}

	/**
	 * A row the unit writes (access, inputs, outputs), stamped when it happened. An offline unit keeps
	 * it in its buffer until it is back online (`uploadLogBuffer`). // inferred
	 */
	unitLog(row: Omit<LogRow, 'logId' | 'atMs'>, atMs = this.now()): void {
		const online = this.state.units.find((record) => record.unit.unitId === row.unitId)?.online ?? true;
		if (online) this.state.logs.push({ logId: this.nextId('log'), atMs, ...row });
		else this.state.logBuffer.push({ atMs, ...row });
	}

	/** The unit uploads its buffered rows, oldest first, with their original times and new ids. */
	uploadLogBuffer(unitId: number): void {
		const uploaded = this.state.logBuffer.filter((row) => row.unitId === unitId).sort((a, b) => a.atMs - b.atMs);
		this.state.logBuffer = this.state.logBuffer.filter((row) => row.unitId !== unitId);
		for (const row of uploaded) this.state.logs.push({ logId: this.nextId('log'), ...row });
	}

	reseed(): void {
		this.timers.clear();
		this.state = seedState(this.now());
	}
}
