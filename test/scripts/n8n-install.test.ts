/** The first `npm start` installs n8n silently for minutes: a heartbeat line says it is alive and for how long. */
import { formatElapsed, withHeartbeat } from '../../scripts/n8n-install';

describe('n8n-install heartbeat', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('prints the elapsed time every 10 s while the install runs, and nothing once it is done', async () => {
		const lines: string[] = [];
		let finish!: (value: string) => void;
		const install = new Promise<string>((resolve) => (finish = resolve));
		const watched = withHeartbeat('installing n8n@2.40.7', install, 10_000, (line) => lines.push(line));

		await jest.advanceTimersByTimeAsync(9_999);
		expect(lines).toEqual([]);
		await jest.advanceTimersByTimeAsync(75_001);
		expect(lines).toHaveLength(8);
		expect(lines[0]).toBe('[n8n-install] installing n8n@2.40.7… 10 s elapsed');
		expect(lines[7]).toBe('[n8n-install] installing n8n@2.40.7… 1 min 20 s elapsed');

		finish('installed');
		await expect(watched).resolves.toBe('installed');
		await jest.advanceTimersByTimeAsync(60_000);
		expect(lines).toHaveLength(8);
	});

	it('stops on failure too and passes the failure on', async () => {
		const lines: string[] = [];
		const watched = withHeartbeat('installing n8n', Promise.reject(new Error('npm install failed')), 10_000, (line) => lines.push(line));
		await expect(watched).rejects.toThrow('npm install failed');
		await jest.advanceTimersByTimeAsync(30_000);
		expect(lines).toEqual([]);
	});

	it('formats seconds under a minute and minutes with padded seconds', () => {
		expect(formatElapsed(4_400)).toBe('4 s');
		expect(formatElapsed(65_000)).toBe('1 min 05 s');
		expect(formatElapsed(301_000)).toBe('5 min 01 s');
	});
});
