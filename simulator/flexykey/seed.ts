/**
 * The seeded demo data: four units of "Demo Property AB" (one plain FlexyKey unit, one with a WEXP
 * expansion, one Evva AirKey unit, one with five WEXP modules so the doc's `X33` example works),
 * their ID entries, settings, message and log history, and three booking objects.
 */
import { flexyKeyUsers } from '../demo-credentials';
import { isoUtc } from './time';
import type {
	Booking,
	BookingObject,
	Expansion,
	FlexyKeyState,
	IdEntry,
	IoPoint,
	IoState,
	LogRow,
	OnOff,
	Unit,
	UnitMessage,
	UnitRecord,
	UnitSetting,
} from './types';

const DEMO_COMPANY = flexyKeyUsers.demo.company;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function io(prefix: string, count: number, describe: (n: number) => string, firstGlobal = 1): IoPoint[] {
	return Array.from({ length: count }, (_, index) => ({
		localNumber: index + 1,
		globalNumber: `${prefix}${firstGlobal + index}`,
		description: describe(index + 1),
	}));
}

/** WEXP module number `position` (1-based), each with 8 relays and 8 inputs numbered globally. */
// inferred: 8 relays and 8 inputs per WEXP, numbered on from the previous module (module 5 relay 1 = X33)
function wexp(position: number, names: Record<string, string> = {}): Expansion {
	const first = (position - 1) * 8 + 1;
	const describe = (kind: string) => (n: number) => names[`${kind}${first + n - 1}`] ?? `${kind === 'X' ? 'Relay' : 'Input'} ${n}`;
	return { type: 'WEXP', position, outputs: io('X', 8, describe('X'), first), inputs: io('IX', 8, describe('IX'), first) };
}

// inferred: main inputs are named I1, I2… (the doc only names F, X and IX identifiers)
const mainOutputs = (f1: string, f2: string): IoPoint[] => [
	{ localNumber: 1, globalNumber: 'F1', description: f1 },
	{ localNumber: 2, globalNumber: 'F2', description: f2 },
];

function seedUnits(): Unit[] {
	return [
		{
			unitId: 3023,
			serialNumber: '1720041130',
			name: 'Main entrance',
			unitType: 'FlexyKey',
			outputs: mainOutputs('Entrance door lock', 'Garage gate'),
			inputs: io('I', 2, (n) => (n === 1 ? 'Door contact' : 'Exit button')),
			expansions: [],
			sensors: [{ sensorNumber: 'T1', type: 'temperature', unit: '°C', decimals: 1, description: 'Indoor temperature' }],
			counters: [{ counterNumber: 'C1', inputNumber: 'I1', unit: 'pulses', description: 'Door openings' }],
		},
		{
			unitId: 3024,
			serialNumber: '2110230045',
			name: 'Garage and storage',
			unitType: 'FlexyKey',
			outputs: mainOutputs('Garage door', 'Storage door'),
			inputs: io('I', 2, (n) => `Input ${n}`),
			// inferred: a second module type without IO ("another module type may contain no IO at all")
			expansions: [wexp(1, { X1: 'Alarm output', IX1: 'Motion detector' }), { type: 'SALLIS', position: 2, outputs: [], inputs: [] }],
			sensors: [
				{ sensorNumber: 'T1', type: 'temperature', unit: '°C', decimals: 1, description: 'Garage temperature' },
				{ sensorNumber: 'H1', type: 'humidity', unit: '%', decimals: 0, description: 'Garage humidity' },
			],
			counters: [
				{ counterNumber: 'C1', inputNumber: 'I1', unit: 'pulses', description: 'Garage door cycles' },
				{ counterNumber: 'C2', inputNumber: 'IX1', unit: 'pulses', description: 'Motion events' },
			],
		},
		{
			unitId: 3025,
			serialNumber: '5500012345',
			name: 'Office AirKey cylinder',
			unitType: 'EvvaAirKey',
			outputs: [],
			inputs: [],
			expansions: [],
			sensors: [],
			counters: [],
		},
		{
			unitId: 3026,
			serialNumber: '040530585131396',
			name: 'Warehouse',
			unitType: 'FlexyKey',
			outputs: mainOutputs('Office door', 'Staff entrance'),
			inputs: io('I', 2, (n) => `Input ${n}`),
			expansions: [1, 2, 3, 4, 5].map((position) => wexp(position, { X33: 'Loading dock door' })),
			sensors: [],
			counters: [],
		},
	];
}

function allIo(unit: Unit): { outputs: string[]; inputs: string[]; xInputs: string[] } {
	return {
		outputs: [...unit.outputs, ...unit.expansions.flatMap((expansion) => expansion.outputs)].map((point) => point.globalNumber),
		inputs: unit.inputs.map((point) => point.globalNumber),
		xInputs: unit.expansions.flatMap((expansion) => expansion.inputs).map((point) => point.globalNumber),
	};
}

function initialIo(unit: Unit, now: number): IoState {
	const names = allIo(unit);
	const states = (list: string[], onEvery = 0): Record<string, OnOff> =>
		Object.fromEntries(list.map((name, index) => [name, onEvery && index % onEvery === 0 ? 'ON' : 'OFF']));
	return {
		outputs: states(names.outputs),
		inputs: states(names.inputs),
		xInputs: states(names.xInputs, 3),
		statusAtMs: now - 5 * MINUTE,
		xInputsAtMs: names.xInputs.length > 0 ? now - 7 * MINUTE : null,
	};
}

function entry(id: number, unitId: number, fields: Partial<IdEntry> & Pick<IdEntry, 'idNumber' | 'action'>, createdMs: number): IdEntry {
	return {
		id,
		unitId,
		name: null,
		description: null,
		codeTag: null,
		codeTagCalendar: null,
		validFromIso: null,
		validToIso: null,
		unitSyncState: 'synced',
		createdIso: isoUtc(createdMs),
		updatedIso: isoUtc(createdMs),
		revision: 1,
		...fields,
	};
}

function seedEntries(now: number): IdEntry[] {
	const created = now - 30 * DAY;
	return [
		entry(1001, 3023, { idNumber: '+46701234567', name: 'Anna Svensson', description: 'Apartment 1101', action: 'R1' }, created),
		entry(1002, 3023, { idNumber: '+46709876543', name: 'Erik Lind', description: 'Apartment 1102', action: 'G13', codeTag: '4711', codeTagCalendar: 2 }, created),
		entry(1003, 3023, { idNumber: '0004398211', name: 'Cleaning tag', description: 'Cleaning company', action: 'R2', validFromIso: '2026-01-01T06:00:00Z', validToIso: '2026-12-31T18:00:00Z' }, created),
		entry(1004, 3024, { idNumber: '+46731112233', name: 'Janitor', description: 'Property service', action: 'R1' }, created),
	];
}

function setting(unitId: number, name: string, params: string | null, value: string, now: number): UnitSetting {
	return { unitId, setting: name, params, value, unitSyncState: 'synced', updatedIso: isoUtc(now - 20 * DAY), revision: 1 };
}

function seedSettings(now: number): UnitSetting[] {
	return [
		setting(3023, 'DefaultRelayPulse', 'R1', '5', now),
		setting(3023, 'WifiMode', null, 'CLIENT', now),
		setting(3023, 'WifiName', null, 'DemoOffice', now),
		setting(3024, 'DefaultRelayPulse', 'R1', '3', now),
	];
}

function seedMessages(now: number): UnitMessage[] {
	return [
		{ messageId: 5001, unitId: 3023, typeName: 'CHECKSYS', message: 'SYS FW=4.12.3 HW=FKV2 RSSI=-67 VOLT=12.1', atMs: now - 2 * HOUR },
		{ messageId: 5002, unitId: 3023, typeName: 'CHECKTEMP', message: 'TEMP T1=21.4', atMs: now - HOUR },
		// not in the public catalog: must never be returned by GET /UnitMessages
		{ messageId: 5003, unitId: 3023, typeName: 'CHECKDEBUG', message: 'DEBUG HEAP=21344 TASKS=9', atMs: now - 30 * MINUTE },
		{ messageId: 5004, unitId: 3024, typeName: 'CHECKTEMP', message: 'TEMP T1=8.9', atMs: now - 3 * HOUR },
	];
}

const accessPeople = [
	['+46701234567', 'Anna Svensson'],
	['+46709876543', 'Erik Lind'],
	['0004398211', 'Cleaning tag'],
] as const;

/** A history of access and input events, one every ~6 hours for 10 days, on each FlexyKey unit. */
function seedLogs(units: Unit[], now: number): LogRow[] {
	const rows: LogRow[] = [];
	let logId = 70_001;
	for (const unit of units.filter((candidate) => candidate.unitType === 'FlexyKey')) {
		for (let step = 40; step >= 1; step--) {
			const [idNumber, name] = accessPeople[step % accessPeople.length];
			const byPhone = step % 4 !== 0;
			rows.push({
				logId: logId++,
				unitId: unit.unitId,
				atMs: now - step * 6 * HOUR - unit.unitId,
				eventType: byPhone ? 'access' : 'input',
				message: byPhone ? `Access granted for ${name}, relay F1 opened` : 'Input I1 changed to ON',
				idNumber: byPhone ? idNumber : null,
				outputNumber: byPhone ? 'F1' : null,
			});
		}
	}
	return rows;
}

function seedBookingObjects(): BookingObject[] {
	return [
		{ bookingObjectId: 501, name: 'Laundry room', description: 'Laundry room, house A', unitId: 3023, company: DEMO_COMPANY },
		{ bookingObjectId: 502, name: 'Sauna', description: 'Sauna in the garage building', unitId: 3024, company: DEMO_COMPANY },
		{ bookingObjectId: 503, name: 'Guest apartment', description: 'Guest apartment, AirKey cylinder', unitId: 3025, company: DEMO_COMPANY },
	];
}

function seedBookings(now: number): Booking[] {
	const tomorrow = Math.floor(now / DAY) * DAY + DAY;
	const booking = (bookingId: number, fromMs: number, toMs: number, name: string): Booking => ({
		bookingId,
		bookingObjectId: 501,
		fromIso: isoUtc(fromMs),
		toIso: isoUtc(toMs),
		name,
		description: 'Seeded booking',
		extra: {},
		createdIso: isoUtc(now - DAY),
		updatedIso: isoUtc(now - DAY),
	});
	return [booking(9001, tomorrow + 7 * HOUR, tomorrow + 10 * HOUR, 'Anna Svensson'), booking(9002, tomorrow + 10 * HOUR, tomorrow + 13 * HOUR, 'Erik Lind')];
}

export function seedState(now: number): FlexyKeyState {
	const units = seedUnits();
	const records: UnitRecord[] = units.map((unit) => ({ unit, company: DEMO_COMPANY, online: true, firmware: '4.12.3' }));
	return {
		units: records,
		io: Object.fromEntries(units.map((unit) => [unit.unitId, initialIo(unit, now)])),
		idEntries: seedEntries(now),
		settings: seedSettings(now),
		syncs: [],
		webhooks: [],
		messages: seedMessages(now),
		infoRequests: [],
		logs: seedLogs(units, now),
		logBuffer: [],
		bookingObjects: seedBookingObjects(),
		bookings: seedBookings(now),
		nextId: { entry: 1100, sync: 1, webhook: 1, message: 6000, log: 80_000, booking: 9100 },
	};
}

export { allIo };
