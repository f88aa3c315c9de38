// Prints the plain closing line CI reads ("N passed, N failed, N skipped") and, under
// scripts/test.js, records the counts so the final line covers every jest run.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor() {
    // scripts/test.js names each jest run; a bare jest run is "jest".
    this.run = process.env.MERIDIAN_TEST_RUN || 'jest';
  }
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: p, numTodoTests: t, numRuntimeErrorTestSuites: broken } = results;
    const summary = { passed, failed: failed + broken, skipped: p + t };
    process.stdout.write(`\n${this.run}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`);
    const dir = process.env.MERIDIAN_TEST_SUMMARY_DIR;
    if (dir) writeFileSync(join(dir, `${this.run}.json`), JSON.stringify(summary));
  }
}
module.exports = SummaryReporter;
