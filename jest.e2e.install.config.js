/**
 * `npm run test:e2e:install`: install.e2e.test.ts alone. It starts what it needs itself (a local
 * registry, the simulator, a fresh n8n without the package); the global setup only installs n8n.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/install.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	globalSetup: '<rootDir>/e2e/install-global-setup.ts',
	maxWorkers: 1,
	testTimeout: 180000,
	verbose: true,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
