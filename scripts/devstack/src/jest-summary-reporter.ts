/** Jest reporter that ends the run with one plain line: `jest: N passed, N failed, N skipped`. */
interface RunResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  /** Test files that failed before any test ran (syntax errors, failing imports). */
  numRuntimeErrorTestSuites: number;
}

export default class SummaryReporter {
  onRunComplete(_contexts: unknown, results: RunResults): void {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
