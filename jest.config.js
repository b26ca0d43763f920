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
	// about 2 minutes of CPU in 13 minutes on one worker. jest's default on 2 cores is 1 worker; 3 keep
	// both cores busy while the others wait. 4 were faster still, but on a loaded machine starved n8n's
	// 250 ms regex guard (n8n-workflow safe-regex) into "Regular expression execution timed out".
	maxWorkers: 3,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
