/**
 * Jest reporter that ends the run with one plain line: `jest: N passed, N failed, N skipped`.
 *
 * Jest's own summary and the global teardown's lines print after a reporter's `onRunComplete`, so a
 * reader of a log's closing lines would not find this one there. With the `outputFile` option the line
 * is also written to that file, and `make test` prints it once more as the very last line of its output
 * (after the teardown), keeping Jest's exit status.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RunResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  /** Test files that failed before any test ran (syntax errors, failing imports). */
  numRuntimeErrorTestSuites: number;
}

export interface SummaryReporterOptions {
  /** Where to write the line as well; its folder is created. */
  outputFile?: string;
}

/** The plain closing line for a run's results. */
export function summaryLine(results: RunResults): string {
  const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  const skipped = results.numPendingTests + results.numTodoTests;
  return `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`;
}

export default class SummaryReporter {
  private readonly outputFile: string | undefined;

  constructor(_globalConfig?: unknown, options?: SummaryReporterOptions) {
    this.outputFile = options?.outputFile;
    // A summary left by an earlier run must not stand for this one if this one dies before its end.
    if (this.outputFile !== undefined) writeSummary(this.outputFile, '');
  }

  onRunComplete(_contexts: unknown, results: RunResults): void {
    const line = summaryLine(results);
    process.stdout.write(`${line}\n`);
    if (this.outputFile !== undefined) writeSummary(this.outputFile, `${line}\n`);
  }
}

function writeSummary(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
