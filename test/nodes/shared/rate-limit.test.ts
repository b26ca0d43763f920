/**
 * The pacer against the simulator's own fixed-window limiter, in virtual time (jest fake timers):
 * deterministic, so throughput can be asserted without wall-clock flakiness.
 */
import { inferredRateHeaders } from '../../../simulator/core/dialect';
import { RATE_HEADER_FORMS, RateLimiter, rateHeadersIn, type RateDecision, type RateHeaderForm } from '../../../simulator/core/rate-limit';
import { Pacer, RateLimitWaitError } from '../../../nodes/shared/rate-limit';
import type { IExecuteFunctions } from 'n8n-workflow';
import { executeOperation, type Operation } from '../../../nodes/shared/executor';
import type { ItemScope } from '../../../nodes/shared/run-scope';
import { RETRY_LIMITS } from '../../../nodes/shared/transport';
import { parseRateLimitHeaders, retryDelayMs, snapshot } from '../../../nodes/shared/rate-limit-headers';

const START = Date.UTC(2026, 2, 8, 10, 30, 0, 437);

interface BulkResult {
	/** Time the run took on the virtual clock (jest's fake timers fake `Date` too): no wall-clock bound. */
	elapsedMs: number;
	rejected: number;
	done: number;
	/** The most 429s one request met before it went through (the transport gives up after `RETRY_LIMITS.rateLimited`). */
	most429sForOne?: number;
}

/**
 * How the server writes its rate-limit headers: `X-RateLimit-*` with the reset as a Unix time in
 * seconds (the vendors' documented form) or the seconds left (the simulator's dialect b), which the
 * client can place only to within a second of its own clock; or any other form the simulator's
 * `rateLimitHeaders` knob plays (epoch ms, HTTP dates, the IETF `RateLimit`/`RateLimit-Policy` fields in
 * their current and earlier forms, `RateLimit-Limit/-Remaining/-Reset`).
 */
type ResetForm = 'unix' | 'seconds left' | Exclude<RateHeaderForm, 'dialect'>;
const OTHER_FORMS = RATE_HEADER_FORMS.filter((form): form is Exclude<RateHeaderForm, 'dialect'> => form !== 'dialect');
const ALL_FORMS: readonly ResetForm[] = ['unix', 'seconds left', ...OTHER_FORMS];
const headersIn = (form: ResetForm, decision: RateDecision): Record<string, string> => {
	if (form === 'unix') return decision.headers;
	if (form === 'seconds left') return inferredRateHeaders('b', decision, Date.now());
	return rateHeadersIn(form, decision, Date.now()) ?? decision.headers;
};

/** Runs `count` requests through one pacer with `concurrency` workers against a limiter. */
async function bulk(count: number, concurrency: number, limiter: RateLimiter, latencyMs = 3, pacer = new Pacer(), form: ResetForm = 'unix'): Promise<BulkResult> {
	const begin = Date.now();
	let next = 0;
	let done = 0;
	const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	const one = async () => {
		for (;;) {
			const ticket = await pacer.acquire();
			await wait(latencyMs / 2);
			const decision = limiter.take('key');
			const headers = headersIn(form, decision);
			await wait(latencyMs / 2);
			pacer.release(parseRateLimitHeaders(headers), ticket, !decision.allowed);
			if (decision.allowed) return;
			pacer.block(retryDelayMs(headers, Date.now()), ticket);
		}
	};
	const worker = async () => {
		while (next < count) {
			next++;
			await one();
			done++;
		}
	};
	const all = Promise.all(Array.from({ length: concurrency }, worker));
	let finished = false;
	void all.then(() => (finished = true));
	while (!finished) await jest.advanceTimersByTimeAsync(5);
	return { elapsedMs: Date.now() - begin, rejected: limiter.rejected, done };
}

/**
 * Several processes on one key (n8n workers): one pacer each, `perPacer` requests each at
 * `concurrency`, against one limiter, in one virtual clock.
 */
async function sharedKey(pacers: Pacer[], perPacer: number, concurrency: number, limiter: RateLimiter, latencyMs = 20): Promise<BulkResult> {
	const begin = Date.now();
	let done = 0;
	let most429sForOne = 0;
	const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	const run = async (pacer: Pacer) => {
		let next = 0;
		const worker = async () => {
			while (next < perPacer) {
				next++;
				for (let met429s = 0; ; met429s++) {
					most429sForOne = Math.max(most429sForOne, met429s);
					const ticket = await pacer.acquire();
					await wait(latencyMs / 2);
					const decision = limiter.take('key');
					await wait(latencyMs / 2);
					pacer.release(parseRateLimitHeaders(decision.headers), ticket, !decision.allowed);
					if (decision.allowed) break;
					pacer.block(retryDelayMs(decision.headers, Date.now()), ticket);
				}
				done++;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, worker));
	};
	let finished = false;
	void Promise.all(pacers.map(run)).then(() => (finished = true));
	while (!finished) await jest.advanceTimersByTimeAsync(5);
	return { elapsedMs: Date.now() - begin, rejected: limiter.rejected, done, most429sForOne };
}

/** A deterministic stream of numbers in [0, 1) (a linear congruential generator), for latency jitter. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

interface WorkersResult extends BulkResult {
	/** Requests that met more 429s than the transport waits out: the items that would fail. */
	failed: number;
}

/**
 * `bench:queue`'s shared-key part in virtual time: n8n worker processes (one pacer each, as each
 * process has its own), each running `executions` executions of `perExecution` requests at
 * `concurrency`, against one limiter. Each request retries its 429s as the transport does (telling
 * the pacer how many it met); latency is drawn between `latencyMs[0]` and `latencyMs[1]`, and each
 * process starts `startGapMs` after the one before.
 */
async function workers(options: {
	processes: number;
	executions: number;
	perExecution: number;
	/** The node's Concurrency option; undefined: left unset, so the executor's width adapts. */
	concurrency: number | undefined;
	limiter: RateLimiter;
	latencyMs: [number, number];
	seed: number;
	form: 'unix' | 'seconds left';
	startGapMs: number;
}): Promise<WorkersResult> {
	const { limiter, latencyMs } = options;
	const random = seeded(options.seed);
	const latency = () => (latencyMs[0] + random() * (latencyMs[1] - latencyMs[0])) / 2;
	const begin = Date.now();
	let done = 0;
	let failed = 0;
	const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	/** One item as the transport sends it: what it met is left on the item for the executor's width. */
	const request = async (pacer: Pacer, item: ItemScope) => {
		for (let refused = 0; ; refused++) {
			const ticket = await pacer.acquire({ refused });
			await wait(latency());
			const decision = limiter.take('key');
			const headers = headersIn(options.form, decision);
			await wait(latency());
			const limits = parseRateLimitHeaders(headers);
			pacer.release(limits, ticket, !decision.allowed);
			item.rateLimit = snapshot(limits);
			if (decision.allowed) {
				if (refused > RETRY_LIMITS.rateLimited) failed++;
				return;
			}
			item.throttled = (item.throttled ?? 0) + 1;
			pacer.block(retryDelayMs(headers, Date.now()), ticket);
		}
	};
	// An execution is the node's item loop (executor.ts) over `perExecution` items.
	const execution = async (pacer: Pacer) => {
		const items = Array.from({ length: options.perExecution }, () => ({ json: {} }));
		const ctx = { getInputData: () => items, continueOnFail: () => true, getNode: () => ({ name: 'CekSafe' }) } as unknown as IExecuteFunctions;
		const operation: Operation = {
			concurrent: true,
			properties: [],
			async run(item) {
				await request(pacer, item);
				done++;
				return {};
			},
		};
		await executeOperation.call(ctx, operation, { concurrency: options.concurrency, includeRateLimit: false });
	};
	const process = async (index: number) => {
		await wait(index * options.startGapMs);
		// Executions on one worker share its pacer (one module instance per process).
		const pacer = new Pacer();
		await Promise.all(Array.from({ length: options.executions }, () => execution(pacer)));
	};
	let finished = false;
	void Promise.all(Array.from({ length: options.processes }, (_, index) => process(index))).then(() => (finished = true));
	while (!finished) await jest.advanceTimersByTimeAsync(5);
	return { elapsedMs: Date.now() - begin, rejected: limiter.rejected, done, failed };
}

describe('Pacer (virtual time)', () => {
	beforeEach(() => {
		jest.useFakeTimers({ now: START });
	});
	afterEach(() => {
		jest.useRealTimers();
	});

	test.each(
		ALL_FORMS.flatMap((form) =>
			[
				[100, 2000, 1000, 5],
				[100, 2000, 1000, 20],
				[60, 60_000, 300, 5],
				[10, 1000, 200, 50],
				[3, 3000, 30, 5],
				[50, 1000, 300, 5],
			].map(([limit, windowMs, count, concurrency]) => [limit, windowMs, count, concurrency, form] as const),
		),
	)('limit %i per %i ms: %i requests at concurrency %i, headers as %s: no 429 and close to the ideal time', async (limit, windowMs, count, concurrency, form) => {
		const limiter = new RateLimiter({ limit, windowMs }, () => Date.now());
		const result = await bulk(count, concurrency, limiter, 3, new Pacer(), form);
		expect(result.done).toBe(count);
		expect(result.rejected).toBe(0);
		const ideal = Math.ceil(count / limit) * windowMs;
		// The first window costs up to one second extra (the reset header's resolution), later ones ~15 ms.
		expect(result.elapsedMs).toBeLessThanOrEqual(ideal + 1000 + (count / limit) * 50);
	});

	// Before pacers took their share of a window and probed a lapsed one: 170 and 521 429s.
	test.each([
		[2, 110],
		[4, 420],
	])('%i processes on one key (one pacer each) converge through the server\'s counts: at most %i 429s for 1,000 requests, close to the ideal time', async (processes, most429s) => {
		const limiter = new RateLimiter({ limit: 50, windowMs: 1000 }, () => Date.now());
		const perPacer = 1000 / processes;
		const result = await sharedKey(Array.from({ length: processes }, () => new Pacer()), perPacer, 10, limiter);
		expect(result.done).toBe(1000);
		// Each pacer learns its share of a window from how fast `remaining` falls beyond its own requests.
		expect(result.rejected).toBeLessThanOrEqual(most429s);
		expect(result.elapsedMs).toBeLessThanOrEqual(1.4 * 20 * 1000);
	});

	// bench:queue's shared key: 4 executions × 500 CekSafe checks, 2 on each of 2 workers, 50 per 1 s.
	// Before the spread, the Retry-After rounding and the fair probe, the same runs took up to 1.68 ×
	// N/L (latency 50–300 ms) and up to 185 429s; with the second worker 300 ms late, one worker took
	// every window while the other's probes met a 429 each (items failed after 9).
	test.each(
		(['unix', 'seconds left'] as const).flatMap((form) =>
			(
				[
					[5, 15, 0],
					[5, 15, 300],
					[20, 80, 0],
					[20, 80, 300],
					[50, 300, 0],
					[50, 300, 300],
				] as const
			).flatMap(([low, high, gap]) => (['left unset (adapts)', 5] as const).map((concurrency) => [low, high, gap, form, concurrency] as const)),
		),
	)('two workers on one key, 2 executions × 500 requests each, latency %i–%i ms, second worker %i ms later, reset as %s, Concurrency %s: within 1.2 × N/L (1.3 for seconds left at 50–300 ms), no failed item, at most 130 429s', async (low, high, gap, form, setting) => {
		const concurrency = typeof setting === 'number' ? setting : undefined;
		for (const seed of [1, 2]) {
			const limiter = new RateLimiter({ limit: 50, windowMs: 1000 }, () => Date.now());
			const result = await workers({ processes: 2, executions: 2, perExecution: 500, concurrency, limiter, latencyMs: [low, high], seed, form, startGapMs: gap });
			expect(result.done).toBe(2000);
			expect(result.failed).toBe(0);
			expect(result.rejected).toBeLessThanOrEqual(130);
			const ratioToIdeal = result.elapsedMs / ((2000 / 50) * 1000);
			// A reset sent as seconds left is placed on this clock only to within a second plus the
			// latency, so at the highest latency the windows' openings are known less well.
			expect(ratioToIdeal).toBeLessThanOrEqual(form === 'seconds left' && high >= 300 ? 1.3 : 1.2);
		}
	});

	test('a 429 whose Retry-After (whole seconds) ends after the announced reset: the pacer asks again at the reset', async () => {
		const pacer = new Pacer();
		const first = await pacer.acquire();
		// 300 ms before a whole second: the window resets at it, the server says "Retry-After: 1".
		const resetAt = Math.ceil((Date.now() + 300) / 1000) * 1000;
		await jest.advanceTimersByTimeAsync(resetAt - 300 - Date.now());
		const headers = { 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAt / 1000), 'Retry-After': '1' };
		pacer.release(parseRateLimitHeaders(headers), first, true);
		pacer.block(retryDelayMs(headers, Date.now()), first);
		let sentAt: number | undefined;
		const next = pacer.acquire().then((ticket) => (sentAt = ticket.sentAt));
		await jest.advanceTimersByTimeAsync(200);
		expect(sentAt).toBeUndefined();
		await jest.advanceTimersByTimeAsync(200);
		await next;
		// at the announced reset (plus the grace), 600 ms before the Retry-After would have ended
		expect(sentAt).toBeGreaterThanOrEqual(resetAt);
		expect(sentAt).toBeLessThan(resetAt + 700);
	});

	test('a probe goes to the request that met fewest 429s', async () => {
		const pacer = new Pacer();
		const first = await pacer.acquire();
		const reset = String(Math.ceil((Date.now() + 60_000) / 1000));
		pacer.release(parseRateLimitHeaders({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset, 'Retry-After': '2' }), first, true);
		pacer.block(2000, first);
		// After the Retry-After one request goes alone to ask the server.
		const order: string[] = [];
		const retried = pacer.acquire({ refused: 5 }).then(() => order.push('refused 5 times'));
		const fresh = pacer.acquire({ refused: 0 }).then((ticket) => {
			order.push('never refused');
			return ticket;
		});
		await jest.advanceTimersByTimeAsync(2100);
		const probe = await fresh;
		expect(probe.probe).toBe(true);
		expect(order).toEqual(['never refused']);
		pacer.release(parseRateLimitHeaders({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '9', 'X-RateLimit-Reset': String(Number(reset) + 60) }), probe);
		await jest.advanceTimersByTimeAsync(100);
		await retried;
		expect(order).toEqual(['never refused', 'refused 5 times']);
	});

	test('a window that is not whole seconds costs at most one 429 (the first prediction), then none', async () => {
		const limiter = new RateLimiter({ limit: 7, windowMs: 1500 }, () => Date.now());
		const result = await bulk(140, 5, limiter);
		expect(result.done).toBe(140);
		expect(result.rejected).toBeLessThanOrEqual(1);
		expect(result.elapsedMs).toBeLessThanOrEqual(20 * 2600);
	});

	test('without learning a window length (server counts differently) it waits for the announced reset: still no 429', async () => {
		// A limiter whose first answer per window says `limit` remaining instead of `limit - 1`.
		const inner = new RateLimiter({ limit: 50, windowMs: 2000 }, () => Date.now());
		const limiter = {
			get rejected() {
				return inner.rejected;
			},
			take(key: string) {
				const decision = inner.take(key);
				const remaining = Number(decision.headers['X-RateLimit-Remaining']);
				return decision.allowed ? { ...decision, headers: { ...decision.headers, 'X-RateLimit-Remaining': String(remaining + 1) } } : decision;
			},
		} as unknown as RateLimiter;
		const result = await bulk(200, 5, limiter);
		expect(result.done).toBe(200);
		// Remaining is over-reported by one per window, so the last request of each window can hit a 429 once.
		expect(result.rejected).toBeLessThanOrEqual(4);
	});

	test('a wrong prediction costs one 429, then the pacer waits for announced resets', async () => {
		// Clock-aligned windows (reset at whole multiples of the window): the window does not open
		// with our first request, so the learned length is too short once.
		let rejected = 0;
		let count = 0;
		let windowStart = 0;
		const limit = 20;
		const windowMs = 2000;
		const limiter = {
			get rejected() {
				return rejected;
			},
			take() {
				const now = Date.now();
				const start = Math.floor(now / windowMs) * windowMs;
				if (start !== windowStart) {
					windowStart = start;
					count = 0;
				}
				const reset = String(Math.ceil((start + windowMs) / 1000));
				if (count >= limit) {
					rejected++;
					return { allowed: false, headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset, 'Retry-After': String(Math.max(1, Math.ceil((start + windowMs - now) / 1000))) } };
				}
				count++;
				return { allowed: true, headers: { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(limit - count), 'X-RateLimit-Reset': reset } };
			},
		} as unknown as RateLimiter;
		const result = await bulk(200, 5, limiter);
		expect(result.done).toBe(200);
		expect(result.rejected).toBeLessThanOrEqual(1);
	});

	test.each(
		(['unix', 'seconds left'] as const).flatMap((form) =>
			(
				[
					['a different limit', 1000, 60_000],
					['the same limit with an earlier reset', 50, 60_000],
				] as const
			).map(([name, limit, windowMs]) => [name, limit, windowMs, form] as const),
		),
	)('the server\'s window changes (%s after %i per %i ms, reset as %s): 300 requests at 50 per 1 s within 1.2 × N/L and at most two 429s', async (_case, learnedLimit, learnedWindowMs, form) => {
		const pacer = new Pacer();
		const learned = new RateLimiter({ limit: learnedLimit, windowMs: learnedWindowMs }, () => Date.now());
		expect((await bulk(20, 5, learned, 3, pacer, form)).rejected).toBe(0);
		// Plan change, sliding window or clock skew: the server now counts 50 per second.
		const now = new RateLimiter({ limit: 50, windowMs: 1000 }, () => Date.now());
		const result = await bulk(300, 5, now, 3, pacer, form);
		expect(result.done).toBe(300);
		expect(result.rejected).toBeLessThanOrEqual(2);
		expect(result.elapsedMs / ((300 / 50) * 1000)).toBeLessThanOrEqual(1.2);
	});

	test('a 429 whose Retry-After is sooner than the learned reset wins: the pacer asks again after it', async () => {
		const pacer = new Pacer();
		const ticket = await pacer.acquire();
		const reset = Math.ceil((Date.now() + 60_000) / 1000);
		pacer.release(parseRateLimitHeaders({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '5', 'X-RateLimit-Reset': String(reset) }), ticket);
		const rejected = await pacer.acquire();
		// The server rejects with the same (stale) reset but says to come back in 2 s.
		pacer.release(parseRateLimitHeaders({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset), 'Retry-After': '2' }), rejected, true);
		pacer.block(2000, rejected);
		let sent = false;
		const next = pacer.acquire().then((probe) => {
			sent = true;
			return probe;
		});
		await jest.advanceTimersByTimeAsync(1900);
		expect(sent).toBe(false);
		await jest.advanceTimersByTimeAsync(1200);
		const probe = await next;
		expect(probe.probe).toBe(true);
		// The server has room again under the same announced reset: that is the truth now.
		pacer.release(parseRateLimitHeaders({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Remaining': '7', 'X-RateLimit-Reset': String(reset) }), probe);
		const tickets = await Promise.all(Array.from({ length: 7 }, () => pacer.acquire()));
		expect(tickets).toHaveLength(7);
	});

	test('a daily quota next to a learned per-minute window fails fast instead of probing after one window', async () => {
		const pacer = new Pacer();
		const limiter = new RateLimiter({ limit: 5, windowMs: 2000 }, () => Date.now());
		await bulk(12, 2, limiter, 3, pacer);
		expect(limiter.rejected).toBe(0);
		const ticket = await pacer.acquire();
		const reset = Math.ceil((Date.now() + 86_400_000) / 1000);
		pacer.release(parseRateLimitHeaders({ 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) }), ticket);
		await expect(pacer.acquire({ maxWaitMs: 300_000 })).rejects.toBeInstanceOf(RateLimitWaitError);
	});

	test('a 429 blocks every request on the key until Retry-After has passed', async () => {
		const pacer = new Pacer();
		const ticket = await pacer.acquire();
		pacer.release(parseRateLimitHeaders({ 'Retry-After': '3' }), ticket);
		pacer.block(3000, ticket);
		let sent = false;
		const next = pacer.acquire().then(() => (sent = true));
		await jest.advanceTimersByTimeAsync(2900);
		expect(sent).toBe(false);
		await jest.advanceTimersByTimeAsync(200);
		await next;
		expect(sent).toBe(true);
	});

	test('a spent window with a reset beyond maxWaitMs fails at once instead of waiting', async () => {
		const pacer = new Pacer();
		const ticket = await pacer.acquire();
		const reset = Math.ceil((Date.now() + 86_400_000) / 1000);
		pacer.release(parseRateLimitHeaders({ 'X-RateLimit-Limit': '1000', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) }), ticket);
		await expect(pacer.acquire({ maxWaitMs: 300_000 })).rejects.toBeInstanceOf(RateLimitWaitError);
		await expect(pacer.acquire({ maxWaitMs: 300_000 })).rejects.toMatchObject({ resumeAtMs: expect.any(Number) });
	});

	test('the first request goes alone; without rate-limit headers in its answer nothing is held back after it', async () => {
		const pacer = new Pacer();
		const first = await pacer.acquire();
		let second = false;
		const waiting = pacer.acquire().then((ticket) => {
			second = true;
			return ticket;
		});
		await jest.advanceTimersByTimeAsync(1000);
		expect(second).toBe(false);
		pacer.release(parseRateLimitHeaders({}), first);
		await waiting;
		const tickets = await Promise.all(Array.from({ length: 20 }, () => pacer.acquire()));
		expect(tickets.every((ticket) => !ticket.probe)).toBe(true);
	});

	test('a cancelled execution stops waiting', async () => {
		const pacer = new Pacer();
		const ticket = await pacer.acquire();
		pacer.block(10_000, ticket);
		const controller = new AbortController();
		const waiting = pacer.acquire({ signal: controller.signal });
		const assertion = expect(waiting).rejects.toThrow(/cancelled/);
		controller.abort();
		await jest.advanceTimersByTimeAsync(1500);
		await assertion;
	});

	test.each(OTHER_FORMS)('headers as %s: a spent window whose reset is a day away fails at once, naming when it resets', async (form) => {
		const limiter = new RateLimiter({ limit: 1, windowMs: 86_400_000 }, () => Date.now());
		const pacer = new Pacer();
		const ticket = await pacer.acquire();
		pacer.release(parseRateLimitHeaders(headersIn(form, limiter.take('key'))), ticket);
		const dayLater = Date.now() + 86_400_000;
		const failure = pacer.acquire({ maxWaitMs: 300_000 });
		await expect(failure).rejects.toBeInstanceOf(RateLimitWaitError);
		const { resumeAtMs } = (await failure.catch((error: unknown) => error)) as RateLimitWaitError;
		// the reset as the form can say it: to the millisecond, or rounded up to the second (plus the pacer's grace)
		expect(resumeAtMs).toBeGreaterThanOrEqual(dayLater);
		expect(resumeAtMs).toBeLessThanOrEqual(dayLater + 1100);
	});

	test.each(OTHER_FORMS)('headers as %s: a 429 with no Retry-After waits for the reset the headers announce', (form) => {
		const limiter = new RateLimiter({ limit: 1, windowMs: 30_000 }, () => Date.now());
		limiter.take('key');
		const headers = Object.fromEntries(Object.entries(headersIn(form, limiter.take('key'))).filter(([name]) => name !== 'Retry-After'));
		const wait = retryDelayMs(headers, Date.now());
		expect(wait).toBeGreaterThanOrEqual(30_000);
		expect(wait).toBeLessThanOrEqual(31_000);
	});
});

describe('header parsing in every common form', () => {
	const now = Date.parse('2026-03-08T10:30:00Z');

	test.each<[string, Record<string, string>, { limit?: number; remaining: number; resetAtMs: number; source: string }]>([
		['X-RateLimit-* with an HTTP date', { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '50', 'X-RateLimit-Reset': 'Sun, 08 Mar 2026 10:30:30 GMT' }, { limit: 100, remaining: 50, resetAtMs: now + 30_000, source: 'X-RateLimit-*' }],
		['X-RateLimit-* with epoch ms', { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '50', 'x-ratelimit-reset': String(now + 30_000) }, { limit: 100, remaining: 50, resetAtMs: now + 30_000, source: 'X-RateLimit-*' }],
		['IETF current (quoted names, q, r, t)', { 'RateLimit-Policy': '"default";q=100;w=60', RateLimit: '"default";r=50;t=30' }, { limit: 100, remaining: 50, resetAtMs: now + 30_000, source: 'RateLimit' }],
		['IETF draft 08 (l, unquoted names)', { 'ratelimit-policy': 'default;l=100;w=60', ratelimit: 'default;r=50;t=30' }, { limit: 100, remaining: 50, resetAtMs: now + 30_000, source: 'RateLimit' }],
		['IETF earlier dictionary', { 'RateLimit-Policy': '100;w=60', RateLimit: 'limit=100, remaining=50, reset=30' }, { limit: 100, remaining: 50, resetAtMs: now + 30_000, source: 'RateLimit' }],
		['IETF without a policy', { RateLimit: '"default";r=50;t=30' }, { remaining: 50, resetAtMs: now + 30_000, source: 'RateLimit' }],
		[
			'IETF, several policies: the one with the least room',
			{ 'RateLimit-Policy': '"burst";q=100;w=60, "daily";q=1000;w=86400', RateLimit: '"burst";r=50;t=30, "daily";r=7;t=3600' },
			{ limit: 1000, remaining: 7, resetAtMs: now + 3_600_000, source: 'RateLimit' },
		],
		['RateLimit-Limit/-Remaining/-Reset', { 'RateLimit-Limit': '100', 'RateLimit-Remaining': '50', 'RateLimit-Reset': '30' }, { limit: 100, remaining: 50, resetAtMs: now + 30_000, source: 'RateLimit-Limit/-Remaining/-Reset' }],
		['RateLimit-Limit with a policy after the number (early drafts)', { 'RateLimit-Limit': '100, 100;w=60', 'RateLimit-Remaining': '50', 'RateLimit-Reset': '30' }, { limit: 100, remaining: 50, resetAtMs: now + 30_000, source: 'RateLimit-Limit/-Remaining/-Reset' }],
	])('%s', (_form, headers, expected) => {
		expect(parseRateLimitHeaders(headers, now)).toMatchObject(expected);
		expect(snapshot(parseRateLimitHeaders(headers, now))).toMatchObject({ remaining: expected.remaining, resetAt: new Date(expected.resetAtMs).toISOString() });
	});

	test('rate-limit headers it cannot read are named in the snapshot, never dropped silently', () => {
		const parsed = parseRateLimitHeaders({ RateLimit: 'plenty', 'X-RateLimit-Window': '60s' }, now);
		expect(parsed.source).toBeUndefined();
		expect(snapshot(parsed)).toEqual({ unreadHeaders: { RateLimit: 'plenty', 'X-RateLimit-Window': '60s' } });
	});
});

describe('header parsing', () => {
	test('X-RateLimit-Reset as Unix seconds, milliseconds, or seconds left', () => {
		const now = 1_700_000_000_000;
		expect(parseRateLimitHeaders({ 'x-ratelimit-reset': '1593504943' }, now).resetAtMs).toBe(1_593_504_943_000);
		expect(parseRateLimitHeaders({ 'X-RateLimit-Reset': '1593504943123' }, now).resetAtMs).toBe(1_593_504_943_123);
		expect(parseRateLimitHeaders({ 'x-ratelimit-reset': '30' }, now).resetAtMs).toBe(now + 30_000);
		expect(parseRateLimitHeaders({ 'x-ratelimit-reset': 'soon' }, now).resetAtMs).toBeUndefined();
	});

	test('the doc example headers', () => {
		const parsed = parseRateLimitHeaders({ 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '999', 'x-ratelimit-reset': '1593504943' });
		expect(parsed).toEqual({ limit: 1000, remaining: 999, resetAtMs: 1_593_504_943_000, source: 'X-RateLimit-*' });
		expect(snapshot(parsed)).toEqual({ limit: 1000, remaining: 999, resetAt: '2020-06-30T08:15:43.000Z' });
		expect(snapshot(parseRateLimitHeaders({}))).toBeUndefined();
	});

	test('Retry-After as seconds or HTTP date, else the reset, else the fallback; never below the minimum', () => {
		const now = Date.parse('2026-03-08T10:30:00Z');
		expect(retryDelayMs({ 'retry-after': '7' }, now)).toBe(7000);
		expect(retryDelayMs({ 'Retry-After': 'Sun, 08 Mar 2026 10:30:12 GMT' }, now)).toBe(12_000);
		expect(retryDelayMs({ 'x-ratelimit-reset': String(now / 1000 + 4) }, now)).toBe(4000);
		expect(retryDelayMs({}, now)).toBe(1000);
		expect(retryDelayMs({ 'retry-after': '0' }, now)).toBe(250);
	});
});
