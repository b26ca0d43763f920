/**
 * FlexyKey's own admin routes (`/_sim/flexykey/…`, for demos and tests that drive the simulator over
 * HTTP, e.g. end-to-end tests against a real n8n):
 *
 * - `PATCH /units/{unitId}` `{"online": false}` | `{"online": true, "uploadBuffer"?: false}`: the unit
 *   goes offline (its log rows are buffered) or comes back (uploading its buffer unless told not to).
 * - `POST /units/{unitId}/logs` `{"count", "from", "to", "eventType"?, "message"?, "idNumber"?,
 *   "outputNumber"?}`: the unit writes `count` rows stamped evenly from `from` to `to` (ISO 8601).
 */
import type { SimReply, SimRequest } from '../core/http';
import type { LogFields } from './types';

export interface FlexyKeyAdminTarget {
	hasUnit(unitId: number): boolean;
	setUnitOnline(unitId: number, online: boolean, options: { uploadBuffer: boolean }): void;
	bufferedLogRows(unitId: number): number;
	addLogs(unitId: number, count: number, fromMs: number, toMs: number, row: LogFields): void;
}

const bad = (error: string): SimReply => ({ status: 400, body: { error } });

export function flexyKeyAdmin(target: FlexyKeyAdminTarget, req: SimRequest): SimReply | undefined {
	const match = /^\/units\/(\d+)(\/logs)?$/.exec(req.path);
	if (!match) return undefined;
	const unitId = Number(match[1]);
	const body = (req.body ?? {}) as Record<string, unknown>;
	if (req.method === 'PATCH' && !match[2]) {
		const { online, uploadBuffer = true } = body;
		if (typeof online !== 'boolean' || typeof uploadBuffer !== 'boolean') return bad('body must be {"online": true | false, "uploadBuffer"?: true | false}');
		if (!target.hasUnit(unitId)) return { status: 404, body: { error: `unknown FlexyKey unit ${unitId}` } };
		target.setUnitOnline(unitId, online, { uploadBuffer });
		return { status: 200, body: { unitId, online, bufferedLogRows: target.bufferedLogRows(unitId) } };
	}
	if (req.method === 'POST' && match[2]) {
		const { count, from, to, eventType, message, idNumber, outputNumber } = body;
		const fromMs = Date.parse(String(from));
		const toMs = Date.parse(String(to));
		if (!Number.isInteger(count) || (count as number) < 1 || Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs < fromMs) {
			return bad('body must be {"count": a whole number ≥ 1, "from": ISO 8601, "to": ISO 8601 not before from, …}');
		}
		if (!target.hasUnit(unitId)) return { status: 404, body: { error: `unknown FlexyKey unit ${unitId}` } };
		const row = Object.fromEntries(Object.entries({ eventType, message, idNumber, outputNumber }).filter(([, value]) => value !== undefined)) as LogFields;
		target.addLogs(unitId, count as number, fromMs, toMs, row);
		return { status: 201, body: { unitId, written: count, bufferedLogRows: target.bufferedLogRows(unitId) } };
	}
	return undefined;
}
