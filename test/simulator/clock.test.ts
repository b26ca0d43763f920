/** The simulator's ManualClock: time moves only by advance(), and steps run in due order at their own time. */
import { ManualClock } from '../../simulator/core/clock';

describe('ManualClock', () => {
	test('runs due steps in time order, each seeing now() at its due time; later ones wait', () => {
		const clock = new ManualClock(1_000);
		const ran: Array<[string, number]> = [];
		clock.after(30, () => ran.push(['b', clock.now()]));
		clock.after(10, () => ran.push(['a', clock.now()]));
		clock.after(100, () => ran.push(['c', clock.now()]));
		clock.advance(50);
		expect(ran).toEqual([
			['a', 1_010],
			['b', 1_030],
		]);
		expect(clock.now()).toBe(1_050);
		expect(clock.pending).toBe(1);
	});

	test('a step scheduled by a step runs in the same advance when it falls due; same-time steps keep their order', () => {
		const clock = new ManualClock(0);
		const ran: string[] = [];
		clock.after(10, () => {
			ran.push('first');
			clock.after(5, () => ran.push('chained'));
		});
		clock.after(15, () => ran.push('same time, scheduled earlier'));
		clock.advance(20);
		expect(ran).toEqual(['first', 'same time, scheduled earlier', 'chained']);
	});

	test('a cancelled step never runs', () => {
		const clock = new ManualClock(0);
		const ran: string[] = [];
		const timer = clock.after(10, () => ran.push('cancelled'));
		clock.cancel(timer);
		clock.advance(1_000);
		expect(ran).toEqual([]);
		expect(clock.pending).toBe(0);
	});
});
