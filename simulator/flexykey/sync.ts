/**
 * Unit programming (PushChanges → Status → completed/failed, or Abort). A sync carries the changed
 * and deleted rows as they were when it was pushed, one packet per row; progress is derived from
 * the elapsed share of `syncDurationMs`. On completion the rows it carried become `synced`, or are
 * removed when they were marked for deletion — unless they changed again meanwhile.
 */
import { conflict } from './errors';
import type { ClockTimer } from '../core/clock';
import type { Runtime } from './runtime';
import { isoUtc } from './time';
import type { SyncRecord, UnitRecord } from './types';

export const NO_ACTIVE = 'No active unit programming';

const isActive = (sync: SyncRecord): boolean => sync.status === 'queued' || sync.status === 'running';

export class SyncService {
	private readonly timers = new Map<number, ClockTimer>();
	private readonly statusCache = new Map<number, { atMs: number; body: Record<string, unknown> }>();

	constructor(private readonly rt: Runtime) {}

	latest(unitId: number): SyncRecord | undefined {
		return this.rt.state.syncs.filter((sync) => sync.unitId === unitId).at(-1);
	}

	push(record: UnitRecord): Record<string, unknown> {
		const unitId = record.unit.unitId;
		const current = this.latest(unitId);
		// inferred: a second push while one runs is refused with 409
		if (current && isActive(current)) throw conflict(`A unit programming is already active for unit ${unitId} (syncId ${current.syncId})`);
		const entries = this.rt.state.idEntries.filter((entry) => entry.unitId === unitId && entry.unitSyncState !== 'synced');
		const settings = this.rt.state.settings.filter((row) => row.unitId === unitId && row.unitSyncState !== 'synced');
		// inferred: one communication packet per changed/deleted row
		const packets = entries.length + settings.length;
		if (packets === 0) {
			// inferred: nothing pending → no sync is started
			return { status: 'noChanges', unitId, syncId: null, idEntries: 0, settings: 0, packets: 0, message: 'No pending changes to send' };
		}
		const sync: SyncRecord = {
			syncId: this.rt.nextId('sync'),
			unitId,
			status: 'queued',
			idEntries: entries.length,
			settings: settings.length,
			packetsTotal: packets,
			packetsSent: 0,
			percent: 0,
			startedMs: this.rt.now(),
			durationMs: this.rt.knobs().syncDurationMs,
			endedMs: null,
			message: null,
			entryRevisions: entries.map((entry) => ({ id: entry.id, revision: entry.revision })),
			settingRevisions: settings.map((row) => ({ setting: row.setting, params: row.params, revision: row.revision })),
		};
		this.rt.state.syncs.push(sync);
		this.timers.set(sync.syncId, this.rt.timers.after(sync.durationMs, () => this.finish(record, sync)));
		this.rt.addLog({ unitId, eventType: 'sync', message: `Unit programming queued: ${packets} packets`, idNumber: null, outputNumber: null });
		// inferred: response shape
		return { status: 'queued', unitId, syncId: sync.syncId, idEntries: sync.idEntries, settings: sync.settings, packets, message: 'Changes queued for unit programming' };
	}

	/** Moves a running sync's progress forward from the clock; an offline unit receives nothing. */
	private advance(record: UnitRecord | undefined, sync: SyncRecord): void {
		if (!isActive(sync) || !record?.online) return;
		const share = Math.min(1, (this.rt.now() - sync.startedMs) / Math.max(1, sync.durationMs));
		sync.packetsSent = Math.max(sync.packetsSent, Math.min(sync.packetsTotal - 1, Math.floor(sync.packetsTotal * share)));
		sync.percent = Math.max(sync.percent, Math.min(99, Math.floor(share * 100)));
		// inferred: `queued` until a tenth of the time has passed, then `running`
		if (share >= 0.1) sync.status = 'running';
	}

	private finish(record: UnitRecord, sync: SyncRecord): void {
		this.timers.delete(sync.syncId);
		if (!isActive(sync)) return;
		sync.endedMs = this.rt.now();
		// inferred: a unit that is offline when the sync is due makes it fail; its rows stay pending
		if (!record.online) {
			sync.status = 'failed';
			sync.message = `Unit did not respond: ${sync.packetsTotal - sync.packetsSent} packets not delivered`;
			this.rt.addLog({ unitId: sync.unitId, eventType: 'sync', message: `Unit programming failed: ${sync.message}`, idNumber: null, outputNumber: null });
			return;
		}
		sync.status = 'completed';
		sync.packetsSent = sync.packetsTotal;
		sync.percent = 100;
		sync.message = `Completed: ${sync.packetsTotal} packets sent`;
		this.settle(sync);
		this.rt.addLog({ unitId: sync.unitId, eventType: 'sync', message: `Unit programming completed: ${sync.packetsTotal} packets`, idNumber: null, outputNumber: null });
	}

	/** The rows this sync carried, unchanged since: `deleted` ones are removed, the rest are `synced`. */
	private settle(sync: SyncRecord): void {
		const state = this.rt.state;
		const sentEntries = new Map(sync.entryRevisions.map((item) => [item.id, item.revision]));
		state.idEntries = state.idEntries.filter((entry) => {
			if (entry.unitId !== sync.unitId || sentEntries.get(entry.id) !== entry.revision) return true;
			if (entry.unitSyncState === 'deleted') return false;
			entry.unitSyncState = 'synced';
			return true;
		});
		const sentSetting = (setting: string, params: string | null) =>
			sync.settingRevisions.find((item) => item.setting === setting && item.params === params)?.revision;
		state.settings = state.settings.filter((row) => {
			if (row.unitId !== sync.unitId || sentSetting(row.setting, row.params) !== row.revision) return true;
			if (row.unitSyncState === 'deleted') return false;
			row.unitSyncState = 'synced';
			return true;
		});
	}

	abort(unitId: number): Record<string, unknown> {
		const sync = this.latest(unitId);
		if (!sync || !isActive(sync)) {
			// inferred: aborting with nothing active is a normal 200 answer
			return { status: 'noActiveSync', unitId, syncId: null, clearedPackets: 0, message: NO_ACTIVE };
		}
		this.advance(this.record(unitId), sync);
		this.rt.timers.cancel(this.timers.get(sync.syncId));
		this.timers.delete(sync.syncId);
		const clearedPackets = sync.packetsTotal - sync.packetsSent;
		sync.status = 'aborted';
		sync.endedMs = this.rt.now();
		sync.message = `Aborted: ${clearedPackets} pending packets cleared`;
		this.rt.addLog({ unitId, eventType: 'sync', message: `Unit programming aborted: ${clearedPackets} pending packets cleared`, idNumber: null, outputNumber: null });
		return { status: 'aborted', unitId, syncId: sync.syncId, clearedPackets, message: sync.message };
	}

	/** `GET /UnitSync/Status`, behind the short cache guard (`statusCacheMs`). */
	status(unitId: number): Record<string, unknown> {
		const now = this.rt.now();
		const cached = this.statusCache.get(unitId);
		// inferred: the guard is not invalidated by Push/Abort; `isCached` tells the caller
		if (cached && now - cached.atMs < this.rt.knobs().statusCacheMs) return { ...cached.body, isCached: true };
		const body = this.freshStatus(unitId, now);
		this.statusCache.set(unitId, { atMs: now, body });
		return body;
	}

	// inferred: status response shape; a finished sync stays visible (status completed/failed/aborted)
	// with the message `No active unit programming` until the next push
	private freshStatus(unitId: number, now: number): Record<string, unknown> {
		const sync = this.latest(unitId);
		if (sync) this.advance(this.record(unitId), sync);
		const active = sync !== undefined && isActive(sync);
		const sent = sync?.packetsSent ?? 0;
		const total = sync?.packetsTotal ?? 0;
		return {
			unitId,
			syncId: sync?.syncId ?? null,
			active,
			status: sync?.status ?? 'idle',
			message: active ? 'Unit programming in progress' : NO_ACTIVE,
			resultMessage: sync?.message ?? null,
			percent: sync?.percent ?? 0,
			packetsTotal: total,
			packetsSent: sent,
			packetsPending: active ? total - sent : 0,
			idEntries: sync?.idEntries ?? 0,
			settings: sync?.settings ?? 0,
			startedIso: sync ? isoUtc(sync.startedMs) : null,
			endedIso: sync?.endedMs != null ? isoUtc(sync.endedMs) : null,
			statusTimestampIso: isoUtc(now),
			isCached: false,
		};
	}

	private record(unitId: number): UnitRecord | undefined {
		return this.rt.state.units.find((candidate) => candidate.unit.unitId === unitId);
	}

	reset(): void {
		this.timers.clear();
		this.statusCache.clear();
	}
}
