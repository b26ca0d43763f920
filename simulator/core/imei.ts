/** IMEI arithmetic the simulated APIs that take IMEIs share (their invented worlds and request rules). */

/** Appends the Luhn check digit to a 14-digit IMEI body. */
export function withLuhn(body14: string): string {
	let sum = 0;
	for (let i = 0; i < 14; i++) {
		let digit = Number(body14[i]);
		if (i % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return body14 + String((10 - (sum % 10)) % 10);
}

/** 15 digits with a valid Luhn check digit. */
export function isValidImei(value: unknown): value is string {
	return typeof value === 'string' && /^\d{15}$/.test(value) && withLuhn(value.slice(0, 14)) === value;
}
