import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SummaryReporter, { summaryLine, type RunResults } from '../src/jest-summary-reporter';

const results: RunResults = {
  numPassedTests: 1630,
  numFailedTests: 2,
  numPendingTests: 1,
  numTodoTests: 1,
  numRuntimeErrorTestSuites: 1,
};

describe('the plain closing line of a Jest run', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'gotrs-summary-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('counts suites that failed before any test ran as failed, and todo tests as skipped', () => {
    expect(summaryLine(results)).toBe('jest: 1630 passed, 3 failed, 2 skipped');
  });

  it('writes the line to the output file, creating its folder, for make test to print last', () => {
    const file = join(folder, 'nested', 'summary.txt');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      new SummaryReporter({}, { outputFile: file }).onRunComplete(undefined, results);
      expect(write).toHaveBeenCalledWith('jest: 1630 passed, 3 failed, 2 skipped\n');
    } finally {
      write.mockRestore();
    }
    expect(readFileSync(file, 'utf8')).toBe('jest: 1630 passed, 3 failed, 2 skipped\n');
  });

  it("empties an earlier run's file as soon as a run starts, so a run that dies reports nothing", () => {
    const file = join(folder, 'summary.txt');
    writeFileSync(file, 'jest: 12 passed, 0 failed, 0 skipped\n');
    new SummaryReporter({}, { outputFile: file });
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});
