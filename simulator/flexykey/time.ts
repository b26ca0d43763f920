/** Timestamp formats the FlexyKey doc uses: UTC ISO 8601 with `Z`, and Swedish local database time. */

const stockholm = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Europe/Stockholm',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
});

/** `2025-11-21T10:21:11Z`: whole seconds, as the doc's examples. */
export function isoUtc(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `2025-11-21 11:21:11` in Europe/Stockholm, the doc's "Swedish/local database time". */
export function swedishLocal(ms: number): string {
	return stockholm.format(new Date(ms));
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** True when the fields name a real calendar date and clock time (no 30 February, no 24:00). */
function isRealDateTime(fields: number[]): boolean {
	const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = fields;
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day &&
		hour <= 23 &&
		minute <= 59 &&
		second <= 59 &&
		offsetHours <= 14 &&
		offsetMinutes <= 59
	);
}

/** ISO 8601 date-time with an explicit offset or `Z`, as the doc's examples; `NaN` when not one. */
export function parseIsoWithOffset(value: string): number {
	const match = ISO_8601.exec(value);
	if (!match || !isRealDateTime(match.slice(1).map((part) => Number(part ?? 0)))) return Number.NaN;
	return Date.parse(value);
}
