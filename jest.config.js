/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { diagnostics: false }],
	},
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 60000,
	// The suite mostly waits (rate-limit windows, poll intervals, syncs on the simulator's wall clock):
	// about 2 minutes of CPU in 13 minutes on one worker. jest's default on 2 cores is 1 worker; 4 keep
	// both cores busy while the others wait (measured: docs/development.md, "How long npm test takes").
	maxWorkers: 4,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
