/**
 * Offline IMEI checks shared by every node that takes an IMEI: formatting characters stripped,
 * 15 digits, Luhn check digit, TAC (first 8 digits) and serial split out; and the IMEI field itself.
 */
import type { FieldSpec } from './display';

/** The IMEI field of every node that takes one (read with `imeiParameter`). */
export function imeiField(description: string, placeholder: string): FieldSpec {
	return {
		displayName: 'IMEI',
		name: 'imei',
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
	};
}

export interface ImeiAnalysis {
	/** The input as given. */
	input: string;
	/** Digits only, after removing spaces, dashes and dots. */
	imei: string;
	valid: boolean;
	/** Why it is invalid; absent when valid. */
	reason?: string;
	/** Type Allocation Code: the first 8 digits. */
	tac?: string;
	/** Serial number: digits 9–14. */
	serial?: string;
	checkDigit?: string;
	/** The check digit the first 14 digits call for. */
	expectedCheckDigit?: string;
}

const FORMATTING = /[\s.-]/g;

export function normalizeImei(input: string): string {
	return input.replace(FORMATTING, '');
}

/** Luhn check digit for a string of digits (the digit that would be appended). */
export function luhnCheckDigit(body: string): string {
	let sum = 0;
	for (let i = 0; i < body.length; i++) {
		let digit = body.charCodeAt(body.length - 1 - i) - 48;
		if (i % 2 === 0) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return String((10 - (sum % 10)) % 10);
}

export function analyzeImei(input: unknown): ImeiAnalysis {
	const raw = input === undefined || input === null ? '' : String(input);
	const imei = normalizeImei(raw);
	const result: ImeiAnalysis = { input: raw, imei, valid: false };
	if (imei === '') return { ...result, reason: 'IMEI is empty' };
	if (!/^\d+$/.test(imei)) {
		return { ...result, reason: 'IMEI may contain only digits (spaces, dashes and dots are ignored)' };
	}
	if (imei.length !== 15) return { ...result, reason: `IMEI must be 15 digits, got ${imei.length}` };
	const expected = luhnCheckDigit(imei.slice(0, 14));
	const parts = { tac: imei.slice(0, 8), serial: imei.slice(8, 14), checkDigit: imei[14], expectedCheckDigit: expected };
	if (imei[14] !== expected) {
		return { ...result, ...parts, reason: `Check digit ${imei[14]} is wrong: the first 14 digits call for ${expected}` };
	}
	return { ...result, ...parts, valid: true };
}
