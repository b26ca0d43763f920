/**
 * `npm run test:e2e`: the package inside a real n8n (installed into .n8n-local/ on first run, ~5 min),
 * against the simulator. One n8n for the whole run (global setup), so the files run one at a time.
 * `npm run test:e2e:queue` (E2E_TOPOLOGY=queue) runs the same files against n8n in queue mode, plus
 * queue.e2e.test.ts, which only means something there.
 * @type {import('jest').Config}
 */
const queue = process.env.E2E_TOPOLOGY === 'queue';

module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/install\\.e2e\\.test\\.ts$', ...(queue ? [] : ['/queue\\.e2e\\.test\\.ts$'])],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	globalSetup: '<rootDir>/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/e2e/global-teardown.ts',
	maxWorkers: 1,
	testTimeout: 120000,
	verbose: true,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
