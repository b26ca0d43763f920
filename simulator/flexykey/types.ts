/**
 * Domain types of the FlexyKey simulator. Field names follow the vendor doc where it names them;
 * everything else is an ASP.NET-style camelCase guess and marked `inferred` where it is defined.
 */

export type OnOff = 'ON' | 'OFF';
export type UnitSyncState = 'synced' | 'changed' | 'deleted';
export const UNIT_SYNC_STATES: readonly UnitSyncState[] = ['synced', 'changed', 'deleted'];

/** Documented IO object: `{ localNumber, globalNumber, description }`. */
export interface IoPoint {
	localNumber: number;
	globalNumber: string;
	description: string;
}

export interface Expansion {
	type: string;
	// inferred: position of the module on the unit's expansion bus, 1-based
	position: number;
	outputs: IoPoint[];
	inputs: IoPoint[];
}

// inferred: sensor and counter metadata shapes (the doc only says the collections exist)
export interface Sensor {
	sensorNumber: string;
	type: string;
	unit: string;
	decimals: number;
	description: string;
}

export interface Counter {
	counterNumber: string;
	inputNumber: string;
	unit: string;
	description: string;
}

export type UnitType = 'FlexyKey' | 'EvvaAirKey';

export interface Unit {
	unitId: number;
	serialNumber: string;
	name: string;
	unitType: UnitType;
	// inferred: main-board IO under `outputs`/`inputs`, the same names the expansions use
	outputs: IoPoint[];
	inputs: IoPoint[];
	expansions: Expansion[];
	sensors: Sensor[];
	counters: Counter[];
}

/** A unit plus what the server knows but does not show in `GET /Units`. */
export interface UnitRecord {
	unit: Unit;
	company: string;
	online: boolean;
	firmware: string;
}

export interface IoState {
	/** globalNumber → state, for main and expansion outputs. */
	outputs: Record<string, OnOff>;
	inputs: Record<string, OnOff>;
	xInputs: Record<string, OnOff>;
	statusAtMs: number;
	xInputsAtMs: number | null;
}

export interface IdEntry {
	id: number;
	unitId: number;
	idNumber: string;
	name: string | null;
	description: string | null;
	action: string;
	codeTag: string | null;
	codeTagCalendar: number | null;
	validFromIso: string | null;
	validToIso: string | null;
	unitSyncState: UnitSyncState;
	createdIso: string;
	updatedIso: string;
	/** Bumped on every change that matters to the unit, so a sync only settles what it sent. */
	revision: number;
}

export interface UnitSetting {
	unitId: number;
	setting: string;
	params: string | null;
	value: string;
	unitSyncState: UnitSyncState;
	updatedIso: string;
	revision: number;
}

export type SyncStatus = 'queued' | 'running' | 'completed' | 'failed' | 'aborted';

export interface SyncRecord {
	syncId: number;
	unitId: number;
	status: SyncStatus;
	idEntries: number;
	settings: number;
	packetsTotal: number;
	/** Frozen when the sync ends; derived from elapsed time while it runs. */
	packetsSent: number;
	/** 0–100; frozen while the unit is offline and when the sync ends. */
	percent: number;
	startedMs: number;
	durationMs: number;
	endedMs: number | null;
	message: string | null;
	/** What the sync carries: entry/setting keys and the revision they had at push time. */
	entryRevisions: Array<{ id: number; revision: number }>;
	settingRevisions: Array<{ setting: string; params: string | null; revision: number }>;
}

export interface WebhookConfig {
	webhookId: number;
	unitId: number;
	event: string;
	callbackUrl: string;
	httpMethod: 'POST' | 'PUT' | 'PATCH';
	secret: string | null;
	apiKey: string | null;
	isActive: 0 | 1;
	createdIso: string;
	updatedIso: string;
}

export interface UnitMessage {
	messageId: number;
	unitId: number;
	typeName: string;
	message: string;
	atMs: number;
}

export interface InfoRequest {
	unitId: number;
	typeName: string;
	atMs: number;
	messageId: number | null;
}

export interface LogRow {
	logId: number;
	unitId: number;
	atMs: number;
	eventType: string;
	message: string;
	idNumber: string | null;
	outputNumber: string | null;
}

/** Fields of a simulated log row a test may choose. */
export type LogFields = Partial<Pick<LogRow, 'eventType' | 'message' | 'idNumber' | 'outputNumber'>>;

export interface BookingObject {
	bookingObjectId: number;
	name: string;
	description: string;
	unitId: number | null;
	company: string;
}

export interface Booking {
	bookingId: number;
	bookingObjectId: number;
	fromIso: string;
	toIso: string;
	name: string | null;
	description: string | null;
	/** Additional caller fields, stored and echoed as sent. */
	extra: Record<string, unknown>;
	createdIso: string;
	updatedIso: string;
}

export interface FlexyKeyState {
	units: UnitRecord[];
	io: Record<number, IoState>;
	idEntries: IdEntry[];
	settings: UnitSetting[];
	syncs: SyncRecord[];
	webhooks: WebhookConfig[];
	messages: UnitMessage[];
	infoRequests: InfoRequest[];
	logs: LogRow[];
	/**
	 * Rows units wrote while offline, not uploaded yet (not in `GET /Logs`). inferred: the server gives
	 * a row its `logId` when it receives it, so an uploaded buffer has newer ids than its times suggest.
	 */
	logBuffer: Array<Omit<LogRow, 'logId'>>;
	bookingObjects: BookingObject[];
	bookings: Booking[];
	nextId: { entry: number; sync: number; webhook: number; message: number; log: number; booking: number };
}

export interface FlexyKeyUser {
	username: string;
	company: string;
}
