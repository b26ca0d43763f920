/**
 * CekSafe's invented world: a small TAC table, IMEIs with a known verdict, and the seeded check
 * history. None of it is documented by CekSafe; it only has to be deterministic.
 */
import { createHash } from 'node:crypto';
import { withLuhn } from '../core/imei';

function withWrongCheckDigit(body14: string): string {
	const right = Number(withLuhn(body14)[14]);
	return body14 + String((right + 1) % 10);
}

export interface DeviceInfo {
	brand: string;
	model: string;
	year: string;
}

// inferred: the TAC table (the TAC is the first 8 digits, API-NOTES B)
export const tacTable: Record<string, DeviceInfo> = {
	'35391211': { brand: 'Apple', model: 'iPhone 13 Pro', year: '2021' },
	'35467811': { brand: 'Apple', model: 'iPhone 15', year: '2023' },
	'35875610': { brand: 'Samsung', model: 'Galaxy S23', year: '2023' },
	'35209311': { brand: 'Samsung', model: 'Galaxy A54 5G', year: '2023' },
	'35676611': { brand: 'Google', model: 'Pixel 8', year: '2023' },
	'86420005': { brand: 'Xiaomi', model: 'Redmi Note 12', year: '2023' },
	'35332510': { brand: 'OnePlus', model: '11', year: '2023' },
};

export type CheckStatus = 'clean' | 'blacklisted' | 'stolen';

/** Demo IMEIs with a known verdict; all have valid check digits. */
export const cekSafeFixtures = {
	/** Apple iPhone 13 Pro, clean, low risk. */
	cleanImei: withLuhn('35391211000001'),
	/** Samsung Galaxy S23, clean, low risk. */
	cleanImei2: withLuhn('35875610000002'),
	/** Valid Luhn but a TAC outside the table: brand "Unknown", medium risk. */
	unknownTacImei: withLuhn('99000001000003'),
	// inferred: blacklisted devices (status "blacklisted", blacklist true, high risk)
	blacklistedImeis: [withLuhn('35391211999991'), withLuhn('35209311999993')],
	// inferred: devices reported stolen (status "stolen", blacklist true, high risk)
	stolenImeis: [withLuhn('35467811777774'), withLuhn('86420005777775')],
	/** 15 digits with a wrong check digit. */
	badLuhnImei: withWrongCheckDigit('35391211000001'),
} as const;

export interface Verdict {
	status: CheckStatus;
	blacklist: boolean;
	device: { tac: string; brand: string; model: string; year: string | null };
	risk: { risk_level: 'low' | 'medium' | 'high'; trust_score: number; recommendation: string };
}

/** Deterministic verdict for a (valid) IMEI. */
export function verdictFor(imei: string): Verdict {
	const tac = imei.slice(0, 8);
	const known = tacTable[tac];
	// inferred: brand/model "Unknown" and year null for a TAC outside the table
	const device = known ? { tac, ...known } : { tac, brand: 'Unknown', model: 'Unknown', year: null };
	const spread = createHash('sha256').update(imei).digest()[0];
	let status: CheckStatus = 'clean';
	if ((cekSafeFixtures.blacklistedImeis as readonly string[]).includes(imei)) status = 'blacklisted';
	if ((cekSafeFixtures.stolenImeis as readonly string[]).includes(imei)) status = 'stolen';
	// inferred: risk levels, score bands and recommendation values other than the doc's
	// "low" / 95 / "safe_to_proceed"
	let risk: Verdict['risk'];
	if (status === 'stolen') risk = { risk_level: 'high', trust_score: spread % 10, recommendation: 'do_not_proceed' };
	else if (status === 'blacklisted') risk = { risk_level: 'high', trust_score: 10 + (spread % 15), recommendation: 'do_not_proceed' };
	else if (!known) risk = { risk_level: 'medium', trust_score: 55 + (spread % 20), recommendation: 'manual_review' };
	else risk = { risk_level: 'low', trust_score: 85 + (spread % 15), recommendation: 'safe_to_proceed' };
	return { status, blacklist: status !== 'clean', device, risk };
}

/** Small deterministic PRNG (mulberry32) for the seed data. */
export function prng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface CheckRecord {
	id: string;
	imei: string;
	status: CheckStatus;
	type: 'basic' | 'total';
	checked_at: string;
}

/** `2026-03-08T10:30:00Z` (whole seconds, UTC), the doc's format. */
export function cekSafeTime(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function checkId(random: () => number): string {
	let id = 'chk_';
	for (let i = 0; i < 8; i++) id += ID_CHARS[Math.floor(random() * ID_CHARS.length)];
	return id;
}

/**
 * `count` checks spread over [fromMs, toMs), oldest first, with a few blacklisted and stolen
 * devices among them.
 */
export function seedHistory(seed: number, count: number, fromMs: number, toMs: number): CheckRecord[] {
	const random = prng(seed);
	const tacs = Object.keys(tacTable);
	const special = [...cekSafeFixtures.blacklistedImeis, ...cekSafeFixtures.stolenImeis];
	const times = Array.from({ length: count }, () => fromMs + Math.floor(random() * (toMs - fromMs) / 1000) * 1000).sort(
		(a, b) => a - b,
	);
	return times.map((time, index) => {
		const imei =
			index % 12 === 7
				? special[Math.floor(random() * special.length)]
				: withLuhn(tacs[Math.floor(random() * tacs.length)] + String(Math.floor(random() * 1_000_000)).padStart(6, '0'));
		return {
			id: checkId(random),
			imei,
			status: verdictFor(imei).status,
			type: random() < 0.7 ? 'total' : 'basic',
			checked_at: cekSafeTime(time),
		};
	});
}
