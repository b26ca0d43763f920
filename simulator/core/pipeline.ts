/**
 * The skeleton every simulated API answers through, in this order:
 * identify (auth) → rate limit → admit → faults → route → record → error reply.
 * Each API supplies the vendor-specific steps; the order, the header merging and what is recorded
 * are decided here once.
 */
import type { FaultConfig } from './faults';
import { injectFault } from './faults';
import { DIALECT_HEADER, inRequestDialect } from './dialect';
import { asSimError, type SimError } from './errors';
import type { Router, SimReply, SimRequest } from './http';

/** A request that passed identification and admission, with its route's `:params`. */
export type Routed<Caller> = SimRequest & { caller: Caller };

export interface ApiPipeline<Caller> {
	/** Read on every request, so run-time changes apply at once. */
	faults: () => FaultConfig;
	/**
	 * Who is calling. Throwing answers at once, without rate-limit headers (FlexUnlock and CekSafe
	 * limit per recognised key, so an unknown key has no window).
	 */
	identify(req: SimRequest): Caller;
	/** The caller's rate-limit headers; throws a 429 `SimError` (carrying the headers) when over. */
	rateLimit(caller: Caller): Record<string, string>;
	/** Checks after the rate limit (password, tier); may return a refined caller; throws to refuse. */
	admit?(req: SimRequest, caller: Caller): Caller;
	router: Router;
	/** The answer for a path no route serves: `allowed` lists the methods that would match it. */
	unrouted(req: SimRequest, allowed: string[]): SimError;
	/** The vendor's error body for a thrown error. */
	errorReply(error: SimError): SimReply;
	/**
	 * Called once per answered request (also 401/403/429), never for an injected fault: a fault
	 * stands for a request lost before the API saw it.
	 */
	record(req: SimRequest, caller: Caller | undefined, status: number): void;
}

async function route<Caller>(pipeline: ApiPipeline<Caller>, req: SimRequest, caller: Caller): Promise<SimReply> {
	const found = pipeline.router.match(req.method, req.path);
	if (!found.handler) throw pipeline.unrouted(req, found.allowed);
	const routed: Routed<Caller> = { ...req, params: found.params, caller };
	return found.handler(routed);
}

/** The request handler (`SimApi.handle`) for one API. */
export function servePipeline<Caller>(pipeline: ApiPipeline<Caller>): (req: SimRequest) => Promise<SimReply> {
	// the whole answer, error bodies included, is in the dialect the request asks for (X-Sim-Dialect)
	return (req) => inRequestDialect(req.headers[DIALECT_HEADER], () => answer(pipeline, req));
}

async function answer<Caller>(pipeline: ApiPipeline<Caller>, req: SimRequest): Promise<SimReply> {
	let caller: Caller | undefined;
	let rateHeaders: Record<string, string> = {};
	let result: SimReply;
	try {
		caller = pipeline.identify(req);
		rateHeaders = pipeline.rateLimit(caller);
		caller = pipeline.admit?.(req, caller) ?? caller;
		const fault = await injectFault(pipeline.faults());
		if (fault) return fault;
		result = await route(pipeline, req, caller);
	} catch (error) {
		result = pipeline.errorReply(asSimError(error));
	}
	result = { ...result, headers: { ...rateHeaders, ...(result.headers ?? {}) } };
	pipeline.record(req, caller, result.status);
	return result;
}
