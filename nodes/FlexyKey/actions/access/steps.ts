/** Step bookkeeping and PIN generation for the composite Access operations. */
import { randomInt } from 'node:crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { asNodeError } from '../../../shared/executor';
import type { ItemScope } from '../../../shared/run-scope';

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 7;

/** A PIN that is neither one repeated digit nor a straight run (1234, 9876). */
function isGuessable(pin: string): boolean {
	const digits = [...pin].map(Number);
	const steps = new Set(digits.slice(1).map((digit, index) => digit - digits[index]));
	return steps.size === 1 && [0, 1, -1].includes([...steps][0]);
}

/**
 * A uniformly random PIN of `length` digits from the OS's secure generator (leading zeros
 * allowed; it is a string), drawn again if it is a repeated digit or a straight run.
 */
export function generatePin(length: number): string {
	for (;;) {
		const pin = String(randomInt(0, 10 ** length)).padStart(length, '0');
		if (!isGuessable(pin)) return pin;
	}
}

/**
 * Runs one step; a failure says which step failed and, through `state`, what the earlier steps
 * left behind (e.g. the created entry that is pending sync), in the message and the description,
 * so it shows in the n8n error and in the Continue On Fail output.
 */
export async function step<T>(ctx: IExecuteFunctions, item: ItemScope, operation: string, name: string, state: string | undefined, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		const failure = asNodeError(ctx, error, item.index);
		const reason = failure.message.replace(/\.+$/, '');
		failure.message = `${operation} failed at step "${name}": ${reason}.${state ? ` ${state}` : ''}`;
		failure.description = [state, failure.description].filter(Boolean).join(' ');
		throw failure;
	}
}
