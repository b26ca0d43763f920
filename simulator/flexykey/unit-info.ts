/**
 * CHECK commands: queued on request, answered by the (simulated) unit after `unitInfoDelayMs` with
 * one row per response message in UnitMessages. A repeated type within `unitInfoCacheMs` is answered
 * `cached`; too many commands to one unit in a minute are answered `rateLimited`.
 */
import type { Runtime } from './runtime';
import { allIo } from './seed';
import { buildControlStatus } from './status';
import { swedishLocal } from './time';
import type { InfoRequest, UnitRecord } from './types';
import type { WebhookDispatcher } from './webhook-delivery';

// inferred: the unit communication guard allows 20 CHECK commands per unit per minute
export const UNIT_COMMANDS_PER_MINUTE = 20;

export type CommandResultStatus = 'queued' | 'cached' | 'rateLimited';

// inferred: result item shape
export interface CommandResult {
	typeName: string;
	status: CommandResultStatus;
	message: string;
	/** The answer a `cached` result refers to, once it has arrived. */
	messageId: number | null;
}

/** Plausible raw answers per CHECK type (the doc shows none). */
// inferred: raw message texts, and one CHECKEXP/CHECKWEXP row per module
function answerTexts(rt: Runtime, record: UnitRecord, typeName: string): string[] {
	const { unit } = record;
	const status = buildControlStatus(unit, rt.state.io[unit.unitId], { isCached: false });
	const io = allIo(unit);
	const wexps = unit.expansions.filter((expansion) => expansion.type === 'WEXP');
	const now = rt.now();
	switch (typeName) {
		case 'CHECKASTAT':
			return [status.rawStatus];
		case 'CHECKSTATUS':
			return [`STATUS FKV2 ${[...status.inputs, ...status.fOutputs, ...status.xOutputs].map((item) => `${item.globalNumber}=${item.state === 'ON' ? 1 : 0}`).join(' ')}`];
		case 'CHECKCOUNTERS':
			return [`COUNTERS ${unit.counters.map((counter, index) => `${counter.counterNumber}=${1200 + index * 37}`).join(' ') || 'NONE'}`];
		case 'CHECKTEMP':
			return [`TEMP ${unit.sensors.filter((sensor) => sensor.type === 'temperature').map((sensor) => `${sensor.sensorNumber}=21.4`).join(' ') || 'NONE'}`];
		case 'CHECKSYS':
			return [`SYS FW=${record.firmware} HW=FKV2 RSSI=-67 VOLT=12.1 SERIAL=${unit.serialNumber}`];
		case 'CHECKTIME':
			return [`TIME ${swedishLocal(now)} UPTIME=${Math.floor((now / 1000) % 864_000)}`];
		case 'CHECKEXP':
			return unit.expansions.length === 0
				? ['EXP NONE']
				: unit.expansions.map((expansion) => `EXP ${expansion.position} ${expansion.type} OUT=${expansion.outputs.length} IN=${expansion.inputs.length} OK`);
		case 'CHECKCALSTAT':
			return ['CALSTAT CAL1=ACTIVE CAL2=INACTIVE'];
		case 'CHECKSALOFFICEMODE':
			return ['SALOFFICEMODE OFF'];
		case 'CHECKOUTPUTCAL':
			return [`OUTPUTCAL ${io.outputs.slice(0, 2).map((name) => `${name}=-`).join(' ')}`];
		case 'CHECKINPUTCAL':
			return [`INPUTCAL ${io.inputs.map((name) => `${name}=-`).join(' ') || 'NONE'}`];
		case 'CHECKESPNOWMAC':
			return [`ESPNOWMAC 24:6F:28:${unit.serialNumber.slice(-6).replace(/(\d\d)(?=\d)/g, '$1:')}`];
		case 'CHECKWEXP':
			return wexps.length === 0 ? ['WEXP NONE'] : wexps.map((expansion) => `WEXP ${expansion.position} FW=1.4 IO=${expansion.outputs.length}/${expansion.inputs.length}`);
		default:
			return [`${typeName.replace(/^CHECK/, '')} OK`];
	}
}

export class UnitInfoService {
	constructor(
		private readonly rt: Runtime,
		private readonly webhooks: WebhookDispatcher,
	) {}

	/** Decides queued / cached / rateLimited for each type and schedules the answers. */
	request(record: UnitRecord, typeNames: string[]): CommandResult[] {
		return typeNames.map((typeName) => this.requestOne(record, typeName));
	}

	private requestOne(record: UnitRecord, typeName: string): CommandResult {
		const unitId = record.unit.unitId;
		const now = this.rt.now();
		const mine = this.rt.state.infoRequests.filter((request) => request.unitId === unitId);
		const previous = mine.filter((request) => request.typeName === typeName).at(-1);
		// inferred: the cache window counts from the previous queued request of the same type
		if (previous && now - previous.atMs < this.rt.knobs().unitInfoCacheMs) {
			return { typeName, status: 'cached', message: 'Skipped: a recent response is cached', messageId: previous.messageId };
		}
		if (mine.filter((request) => now - request.atMs < 60_000).length >= UNIT_COMMANDS_PER_MINUTE) {
			return { typeName, status: 'rateLimited', message: 'Skipped: the unit communication rate limit was reached', messageId: null };
		}
		const request: InfoRequest = { unitId, typeName, atMs: now, messageId: null };
		this.rt.state.infoRequests.push(request);
		this.rt.timers.after(this.rt.knobs().unitInfoDelayMs, () => this.answer(record, request));
		return { typeName, status: 'queued', message: 'Command queued', messageId: null };
	}

	/** The unit's answer arrives (unless it is offline): rows in UnitMessages, and ASTAT fires the webhook. */
	// inferred: an offline unit never answers; a CHECKASTAT answer counts as a received ASTAT message
	private answer(record: UnitRecord, request: InfoRequest): void {
		if (!record.online) return;
		const atMs = this.rt.now();
		if (request.typeName === 'CHECKASTAT') this.rt.state.io[request.unitId].statusAtMs = atMs;
		for (const message of answerTexts(this.rt, record, request.typeName)) {
			const messageId = this.rt.nextId('message');
			request.messageId ??= messageId;
			this.rt.state.messages.push({ messageId, unitId: request.unitId, typeName: request.typeName, message, atMs });
		}
		// the doc: control.statusChanged "is triggered when an ASTAT status message is received from the unit"
		if (request.typeName === 'CHECKASTAT') this.webhooks.statusChanged(request.unitId);
	}
}
