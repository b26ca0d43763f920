/**
 * Latency and fault injection, applied to every API request before its handler runs
 * (so an injected fault never changes state: the request is "lost" before the server acts),
 * except `slow`, which delays an otherwise normal answer.
 */
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

export type FaultKind = 'none' | 'error500' | 'error502' | 'error503' | 'error504' | 'connectionReset' | 'malformedJson';

/** Injected gateway answers: the request never reached the API. */
export const GATEWAY_FAULTS: Partial<Record<FaultKind, number>> = { error502: 502, error503: 503, error504: 504 };

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
