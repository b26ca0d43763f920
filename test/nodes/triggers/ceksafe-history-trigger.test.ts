/** CekSafe History Trigger: new checks exactly once, paged through GET /history, with a status filter. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { cekSafeFixtures } from '../../../simulator/ceksafe/catalogue';
import { cekSafeKeys } from '../../../simulator/demo-credentials';
import { PollHarness } from '../../harness/poll-harness';
import { useSimulator } from '../../harness/simulator';

describe('CekSafe History Trigger', () => {
	const handle = useSimulator();
	const historyReads = () => handle.sim.ceksafe.requests.filter((entry) => entry.method === 'GET' && entry.path === '/history');

	const trigger = (parameters: INodeParameters = {}) =>
		new PollHarness({ type: 'cekSafeHistoryTrigger', name: 'History Trigger', parameters, credentials: handle.credentials() });

	/** One IMEI check through the API (as another system of the account would make it); returns its history id. */
	const check = async (imei: string): Promise<string> => {
		const response = await fetch(`${handle.sim.urls.ceksafe}/check`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${cekSafeKeys.growth.key}` },
			body: JSON.stringify({ imei, type: 'basic' }),
		});
		expect(response.status).toBe(200);
		return handle.sim.ceksafe.history('growth').at(-1)!.id;
	};
	const ids = (items: IDataObject[] | null) => (items ?? []).map((row) => row.id);

	test('baseline first; then each new check once, oldest first; then nothing', async () => {
		const poll = trigger();
		const first = await poll.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		const made = [await check(cekSafeFixtures.cleanImei), await check(cekSafeFixtures.blacklistedImeis[0]), await check(cekSafeFixtures.cleanImei2)];
		const second = await poll.poll();
		expect(second.error).toBeUndefined();
		expect(ids(second.items)).toEqual(made);
		expect(second.items![1]).toMatchObject({ imei: cekSafeFixtures.blacklistedImeis[0], status: 'blacklisted', type: 'basic' });
		expect(second.run?.json('History Trigger')).toEqual(second.items);
		expect((await poll.poll()).items).toBeNull();
		expect((await poll.poll()).items).toBeNull();
	});

	test('status filter: only blacklisted and stolen checks start the workflow; the others still move the cursor', async () => {
		const poll = trigger({ statuses: ['blacklisted', 'stolen'] });
		await poll.poll();
		await check(cekSafeFixtures.cleanImei);
		const stolen = await check(cekSafeFixtures.stolenImeis[0]);
		await check(cekSafeFixtures.cleanImei2);
		const blacklisted = await check(cekSafeFixtures.blacklistedImeis[1]);
		expect(ids((await poll.poll()).items)).toEqual([stolen, blacklisted]);
		await check(cekSafeFixtures.cleanImei);
		expect((await poll.poll()).items).toBeNull();
	});

	test('a burst larger than a page, read after a restart: every check once, no gaps, across pages', async () => {
		const poll = trigger();
		await poll.poll();
		const made: string[] = [];
		for (let i = 0; i < 230; i++) made.push(await check(i % 2 === 0 ? cekSafeFixtures.cleanImei : cekSafeFixtures.cleanImei2));
		const restarted = poll.restart();
		const readsBefore = historyReads().length;
		const tick = await restarted.poll();
		expect(tick.error).toBeUndefined();
		expect(ids(tick.items)).toEqual(made);
		expect(historyReads().length - readsBefore).toBeGreaterThanOrEqual(3);
		expect((await restarted.poll()).items).toBeNull();
		expect((await restarted.restart().poll()).items).toBeNull();
	});

	test('a failed poll (HTTP 500) emits nothing and keeps the cursor; the next poll emits the checks once', async () => {
		const poll = trigger();
		await poll.poll();
		const made = await check(cekSafeFixtures.cleanImei);
		await poll.failingPoll(handle.sim);
		expect(ids((await poll.poll()).items)).toEqual([made]);
		expect((await poll.poll()).items).toBeNull();
	});

	test('Fetch Test Event (manual mode): the newest check matching the filter, no cursor stored', async () => {
		await check(cekSafeFixtures.blacklistedImeis[0]);
		const clean = await check(cekSafeFixtures.cleanImei);
		const poll = trigger({ statuses: ['clean'] });
		const run = await poll.fetchTestEvent();
		expect(run.error).toBeUndefined();
		expect(ids(run.json('History Trigger'))).toEqual([clean]);
		expect(poll.nodeStaticData()).toEqual({});
	});
});
