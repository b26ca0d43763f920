/** CekSafe History → Get Many through real workflows against the simulator (Growth key: 150 checks in March 2026). */
import { cekSafeFixtures } from '../../../simulator/ceksafe';
import { runWorkflow } from '../../harness/run-workflow';
import { useSimulator } from '../../harness/simulator';
import { chain } from '../../harness/workflow-builder';

const handle = useSimulator();

const historyNode = (parameters: Record<string, unknown>, continueOnFail = false) =>
	chain({ name: 'History', type: 'cekSafe', continueOnFail, parameters: { resource: 'history', operation: 'getMany', ...parameters } });

/** The account's history as the API orders it: newest first. */
const newestFirst = () =>
	handle.sim.ceksafe
		.history('growth')
		.map((row, index) => ({ row, index }))
		.sort((a, b) => Date.parse(b.row.checked_at) - Date.parse(a.row.checked_at) || b.index - a.index)
		.map(({ row }) => row);

const requestPaths = () => handle.sim.ceksafe.requests.map((entry) => `${entry.method} ${entry.path}`);

describe('History → Get Many', () => {
	test('one item per check, of the requested page and size', async () => {
		const run = await runWorkflow(historyNode({ limit: 20, page: 2 }), { credentials: handle.credentials() });
		expect(run.error).toBeUndefined();
		const rows = run.json('History');
		expect(rows).toEqual(newestFirst().slice(20, 40));
		expect(rows[0]).toEqual({ id: expect.stringMatching(/^chk_/), imei: expect.any(String), status: expect.any(String), type: expect.any(String), checked_at: expect.any(String) });
		expect(run.output('History').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('from/to filter by day, inclusive', async () => {
		const run = await runWorkflow(historyNode({ limit: 100, filters: { from: '2026-03-10', to: '2026-03-12' } }), { credentials: handle.credentials() });
		const rows = run.json('History') as Array<{ checked_at: string }>;
		const expected = newestFirst().filter((row) => row.checked_at >= '2026-03-10' && row.checked_at < '2026-03-13');
		expect(expected.length).toBeGreaterThan(0);
		expect(rows).toEqual(expected);
	});

	test('Return All walks every page and returns every check once, in API order', async () => {
		const run = await runWorkflow(historyNode({ returnAll: true }), { credentials: handle.credentials() });
		const rows = run.json('History');
		expect(rows).toHaveLength(150);
		expect(rows).toEqual(newestFirst());
		expect(requestPaths()).toEqual(['GET /history', 'GET /history']);
	});

	test('Return All with a date range and one item per input', async () => {
		const run = await runWorkflow(historyNode({ returnAll: true, filters: { from: '={{ $json.from }}', to: '={{ $json.to }}' } }), {
			credentials: handle.credentials(),
			input: [
				{ from: '2026-03-01', to: '2026-03-15' },
				{ from: '2026-04-01', to: '2026-04-30' },
				{ from: '2026-03-16T00:00:00.000+00:00', to: '2026-03-31' },
			],
		});
		const output = run.output('History');
		const firstHalf = newestFirst().filter((row) => row.checked_at < '2026-03-16');
		const secondHalf = newestFirst().filter((row) => row.checked_at >= '2026-03-16');
		expect(output.filter((item) => (item.pairedItem as { item: number }).item === 0).map((item) => item.json)).toEqual(firstHalf);
		expect(output.filter((item) => (item.pairedItem as { item: number }).item === 1)).toHaveLength(0);
		expect(output.filter((item) => (item.pairedItem as { item: number }).item === 2).map((item) => item.json)).toEqual(secondHalf);
	});

	test('a new check shows up first', async () => {
		const check = await runWorkflow(
			chain({ name: 'Check', type: 'cekSafe', parameters: { resource: 'imei', operation: 'check', imei: cekSafeFixtures.cleanImei, checkType: 'basic' } }),
			{ credentials: handle.credentials() },
		);
		expect(check.error).toBeUndefined();
		const run = await runWorkflow(historyNode({ limit: 1 }), { credentials: handle.credentials() });
		expect(run.json('History')).toEqual([expect.objectContaining({ imei: cekSafeFixtures.cleanImei, type: 'basic' })]);
	});

	test.each([
		[{ limit: 101 }, 'Limit: must be a whole number 1–100, got 101'],
		[{ limit: 0 }, 'Limit: must be a whole number 1–100, got 0'],
		[{ page: 0 }, 'Page: must be a whole number at least 1, got 0'],
		[{ filters: { from: '2026-02-30' } }, 'From: "2026-02-30" is not a date; use YYYY-MM-DD, e.g. 2026-03-01'],
		[{ filters: { to: '31/03/2026' } }, 'To: "31/03/2026" is not a date; use YYYY-MM-DD, e.g. 2026-03-01'],
		[{ filters: { from: '2026-03-20', to: '2026-03-10' } }, 'To: 2026-03-10 is before From (2026-03-20)'],
	])('%j is refused locally: %s', async (parameters, message) => {
		const run = await runWorkflow(historyNode(parameters, true), { credentials: handle.credentials() });
		expect(run.json('History')).toEqual([expect.objectContaining({ error: message })]);
		expect(handle.sim.ceksafe.requests).toHaveLength(0);
	});

	test('403 for a Starter key carries the vendor message', async () => {
		const run = await runWorkflow(historyNode({ returnAll: true }), { credentials: handle.credentials({ cekSafeKey: 'starter' }) });
		expect(run.error?.message).toBe('CekSafe: API access requires the Growth tier or above (HTTP 403)');
		expect(run.error?.httpCode).toBe('403');
	});

	test('an account with no checks gives no items', async () => {
		// The Pro demo account has checks only in February 2026.
		const run = await runWorkflow(historyNode({ returnAll: true, filters: { from: '2026-03-01' } }), { credentials: handle.credentials({ cekSafeKey: 'pro' }) });
		expect(run.error).toBeUndefined();
		expect(run.json('History')).toEqual([]);
		expect(requestPaths()).toEqual(['GET /history']);
	});
});
