/** `POST /check` (documented request and response; the basic/total difference is inferred). */
import { randomBytes } from 'node:crypto';
import type { Router } from '../../core/http';
import { reply } from '../../core/http';
import { cekSafeTime, checkId, verdictFor, type CheckRecord } from '../catalogue';
import { on, type AccountName } from '../route';
import { checkSchema, parseBody } from '../schemas';

const randomId = () => {
	const bytes = randomBytes(8);
	let index = 0;
	return checkId(() => bytes[index++ % bytes.length] / 256);
};

export function registerCheckRoutes(router: Router, histories: Map<AccountName, CheckRecord[]>, now: () => number): void {
	on(router, 'POST', '/check', (req) => {
		const body = parseBody(checkSchema, req.body);
		const verdict = verdictFor(body.imei);
		const record: CheckRecord = { id: randomId(), imei: body.imei, status: verdict.status, type: body.type, checked_at: cekSafeTime(now()) };
		histories.get(req.caller)!.push(record);
		const data: Record<string, unknown> = {
			imei: body.imei,
			status: verdict.status,
			blacklist: verdict.blacklist,
			// Always true: malformed IMEIs are answered 400 before any check.
			valid_format: true,
			device: verdict.device,
		};
		// inferred: a "basic" check has no risk analysis and no certificate; "total" has both
		if (body.type === 'total') {
			data.risk_analysis = verdict.risk;
			// inferred: one certificate per check, on the doc's host
			data.certificate_url = `https://ceksafe.com/v/${record.id.slice(4)}`;
		}
		data.checked_at = record.checked_at;
		return reply.json(200, { success: true, data });
	});
}
