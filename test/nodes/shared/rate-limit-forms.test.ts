/**
 * Rate-limit headers in every common form, through the real transport against the simulator (its
 * `rateLimitHeaders` knob plays each form): Include Rate Limit Info returns the numbers the server
 * announced, a 429 whose retry lies far beyond the run fails the item at once naming when, and
 * rate-limit headers the node cannot read are named in the output instead of dropped.
 */
import { RATE_HEADER_FORMS, type RateHeaderForm } from '../../../simulator/core/rate-limit';
import { useReshapeProxy } from '../../harness/reshape-proxy';
import { runWorkflow } from '../../harness/run-workflow';
import { useSimulator } from '../../harness/simulator';
import { cekSafeCheckNode, flexUnlockCheckNode } from '../../harness/check-nodes';

const handle = useSimulator();
const FORMS = RATE_HEADER_FORMS.filter((form) => form !== 'dialect');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const cekSafeCheck = (credentialId: string, continueOnFail = false) => cekSafeCheckNode(credentialId, { continueOnFail, includeRateLimit: true });
const flexUnlockCheck = (credentialId: string) => flexUnlockCheckNode(credentialId, { includeRateLimit: true });
const proxyOf = useReshapeProxy();

afterEach(() => {
	handle.sim.config.rateLimitHeaders = 'dialect';
	handle.sim.config.ceksafe.rateLimit = { mode: 'off', limit: 500, windowMs: 60_000 };
	handle.sim.config.flexunlock.rateLimit = { mode: 'off', limit: 60, windowMs: 60_000 };
});

describe.each(FORMS)('rate-limit headers as %s', (form: RateHeaderForm) => {
	beforeEach(() => {
		handle.sim.config.rateLimitHeaders = form;
	});

	test('Include Rate Limit Info returns the limit, what remains and when the window resets', async () => {
		handle.sim.config.ceksafe.rateLimit = { mode: 'fixed', limit: 5, windowMs: 60_000 };
		const before = Date.now();
		const run = await runWorkflow(cekSafeCheck(`info-${form}`), { credentials: handle.credentials() });
		expect(run.error).toBeUndefined();
		const info = run.json('Check')[0]._rateLimit as { limit?: number; remaining: number; resetAt: string };
		expect(info).toEqual({ limit: 5, remaining: 4, resetAt: expect.stringMatching(ISO) });
		// the window opened with this request: it resets about a minute after it (to the second the form can say)
		const resetAt = Date.parse(info.resetAt);
		expect(resetAt).toBeGreaterThanOrEqual(before + 59_000);
		expect(resetAt).toBeLessThanOrEqual(Date.now() + 61_000);
	});

	test('FlexUnlock: Include Rate Limit Info reads the same form', async () => {
		handle.sim.config.flexunlock.rateLimit = { mode: 'fixed', limit: 7, windowMs: 60_000 };
		const run = await runWorkflow(flexUnlockCheck(`fu-info-${form}`), { credentials: handle.credentials() });
		expect(run.error).toBeUndefined();
		expect(run.json('Check')[0]._rateLimit).toMatchObject({ limit: 7, remaining: 6, resetAt: expect.stringMatching(ISO) });
	});

	test.each([
		['with its Retry-After', false],
		['with only the window reset (no Retry-After)', true],
	])('a 429 %s whose retry lies beyond what an execution waits fails the item at once, naming when; the spent key then fails without sending', async (variant, withoutRetryAfter) => {
		handle.sim.config.ceksafe.rateLimit = { mode: 'fixed', limit: 1, windowMs: 600_000 };
		if (withoutRetryAfter) proxyOf().rewriteHeaders((headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'retry-after')));
		const credentials = proxyOf().credentials(handle.credentials());
		await runWorkflow(cekSafeCheck(`spender-${form}-${variant}`), { credentials });
		const run = await runWorkflow(cekSafeCheck(`fresh-${form}-${variant}`, true), { credentials });
		const [row] = run.json('Check');
		expect(row).toMatchObject({ error: 'CekSafe: Rate limit exceeded (HTTP 429)', httpCode: '429' });
		// the wait the form announces (to the second it can say), and the time it ends
		const asked = /The server asks to wait (\d+) s \(until (\d{4}-\d{2}-\d{2}T[\d:.]+Z)\)/.exec(String(row.description));
		expect(asked).not.toBeNull();
		expect(Number(asked![1])).toBeGreaterThanOrEqual(599);
		expect(Number(asked![1])).toBeLessThanOrEqual(601);
		// one 429, not retried
		expect(handle.sim.ceksafe.requests.map((entry) => entry.status)).toEqual([200, 429]);

		const again = await runWorkflow(cekSafeCheck(`fresh-${form}-${variant}`), { credentials });
		expect(again.error?.message).toMatch(/^CekSafe: rate limit reached; the next request is allowed at \d{4}-\d{2}-\d{2}T.*Z \(HTTP 429\)$/);
		expect(handle.sim.ceksafe.requests).toHaveLength(2);
	});
});

describe('rate-limit headers the node cannot read', () => {
	test('Include Rate Limit Info names them (and their values) instead of returning nothing', async () => {
		handle.sim.config.ceksafe.rateLimit = { mode: 'fixed', limit: 5, windowMs: 60_000 };
		proxyOf().rewriteHeaders((headers) => {
			const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !/ratelimit|retry-after/i.test(name)));
			return { ...kept, ratelimit: 'plenty left', 'x-ratelimit-window': '1m' };
		});
		const run = await runWorkflow(cekSafeCheck('unread'), { credentials: proxyOf().credentials(handle.credentials()) });
		expect(run.error).toBeUndefined();
		expect(run.json('Check')[0]._rateLimit).toEqual({ unreadHeaders: { ratelimit: 'plenty left', 'x-ratelimit-window': '1m' } });
	});
});
