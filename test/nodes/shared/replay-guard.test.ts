/**
 * The replay guard's memory ("Ignore Repeated Deliveries"): bounded in time and in size. The
 * deliveries themselves are tested end to end in test/nodes/triggers; this pins the bounds with
 * explicit clock values.
 */
import { RecentDeliveries, REPLAY_GUARD } from '../../../nodes/shared/webhook-delivery';

describe('RecentDeliveries', () => {
	test('a key is new once, then a repeat within the window', () => {
		const recent = new RecentDeliveries();
		expect(recent.firstTime('a', 1_000)).toBe(true);
		expect(recent.firstTime('a', 2_000)).toBe(false);
		expect(recent.firstTime('b', 2_000)).toBe(true);
		expect(recent.firstTime('a', 1_000 + REPLAY_GUARD.windowMs - 1)).toBe(false);
	});

	test('after the window the key is forgotten, and expired keys no longer take memory', () => {
		const recent = new RecentDeliveries({ windowMs: 100, capacity: 10 });
		expect(recent.firstTime('a', 0)).toBe(true);
		expect(recent.firstTime('b', 50)).toBe(true);
		expect(recent.firstTime('a', 100)).toBe(true);
		expect(recent.size).toBe(2); // the old 'a' went, the new 'a' and 'b' stay
		expect(recent.firstTime('c', 200)).toBe(true);
		expect(recent.size).toBe(1); // 'b' (50) and 'a' (100, exactly one window ago) expired; only 'c'
	});

	test('at capacity the oldest accepted key is forgotten first', () => {
		const recent = new RecentDeliveries({ windowMs: 1_000_000, capacity: 3 });
		for (const key of ['a', 'b', 'c', 'd']) expect(recent.firstTime(key, 1)).toBe(true);
		expect(recent.size).toBe(3);
		expect(recent.firstTime('a', 2)).toBe(true); // forgotten: accepted again
		expect(recent.firstTime('d', 2)).toBe(false);
	});

	test('the default bounds: 24 hours and 10,000 bodies per process', () => {
		expect(REPLAY_GUARD).toEqual({ windowMs: 24 * 60 * 60 * 1000, capacity: 10_000 });
	});
});
