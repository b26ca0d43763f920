// Prints one plain closing line (`tests: N passed, N failed, N skipped`) that CI reads,
// since Jest's own summary is spread over several lines.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		let failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		// A suite that failed outside any test (e.g. it would not load) must not read as clean.
		if (results.numFailedTestSuites > 0 && failed === 0) failed = results.numFailedTestSuites;
		process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
	}
}
module.exports = SummaryReporter;
