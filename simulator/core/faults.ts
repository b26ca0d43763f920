/**
 * Latency and fault injection, applied to every API request before its handler runs
 * (so an injected fault never changes state: the request is "lost" before the server acts),
 * except `slow`, which delays an otherwise normal answer.
 */
import type { SimReply } from './http';

export interface FaultConfig {
	/** Added to every response, in milliseconds. */
	latencyMs: number;
	/** Probabilities in [0, 1]. */
	error500: number;
	connectionReset: number;
	malformedJson: number;
	slow: number;
	/** Delay of a `slow` response, in milliseconds. */
	slowMs: number;
	/** Faults for the next API requests, one each, in order, before any drawn by probability. */
	script: FaultKind[];
}

export const noFaults: FaultConfig = {
	latencyMs: 0,
	error500: 0,
	connectionReset: 0,
	malformedJson: 0,
	slow: 0,
	slowMs: 5000,
	script: [],
};

export type FaultKind = 'none' | 'error500' | 'error502' | 'error503' | 'error504' | 'error429' | 'connectionReset' | 'malformedJson' | 'unreadableBody';

export function drawFault(config: FaultConfig, random: () => number = Math.random): FaultKind {
	const scripted = config.script?.shift();
	if (scripted !== undefined) return scripted;
	const roll = random();
	let edge = config.connectionReset;
	if (roll < edge) return 'connectionReset';
	edge += config.error500;
	if (roll < edge) return 'error500';
	edge += config.malformedJson;
	if (roll < edge) return 'malformedJson';
	return 'none';
}

export function extraDelayMs(config: FaultConfig, random: () => number = Math.random): number {
	return config.latencyMs + (random() < config.slow ? config.slowMs : 0);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The reply standing for each fault kind (`drop` closes the connection without an answer). */
export function faultReply(kind: FaultKind): SimReply | undefined {
	switch (kind) {
		case 'connectionReset':
			return { status: 0, drop: true };
		case 'error500':
			return { status: 500, body: { error: 'Internal Server Error (injected by the simulator)' } };
		case 'malformedJson':
			return { status: 200, body: '{"truncated": ', raw: true, headers: { 'Content-Type': 'application/json' } };
		// Gateway answers: the request never reached the API; a 503 says when to come back.
		case 'error502':
			return { status: 502, body: { error: 'HTTP 502 (injected by the simulator)' } };
		case 'error503':
			return { status: 503, body: { error: 'HTTP 503 (injected by the simulator)' }, headers: { 'Retry-After': '1' } };
		case 'error504':
			return { status: 504, body: { error: 'HTTP 504 (injected by the simulator)' } };
		// A rate limit that lets the client come back at once, and refuses again: a client retries
		// it to its own limit and gives up quickly, leaving no long wait behind.
		case 'error429':
			return { status: 429, body: { error: 'HTTP 429 (injected by the simulator)' }, headers: { 'Retry-After': '0' } };
		// Valid JSON in no shape any of the APIs answers: only a reader that checks the shape notices.
		case 'unreadableBody':
			return { status: 200, body: { simulatorFault: 'an answer in no shape this API uses' } };
		default:
			return undefined;
	}
}

/** Waits the configured latency, then draws a fault: its reply, or undefined for a normal answer. */
export async function injectFault(config: FaultConfig): Promise<SimReply | undefined> {
	const fault = drawFault(config);
	const wait = extraDelayMs(config);
	if (wait > 0) await delay(wait);
	return faultReply(fault);
}
