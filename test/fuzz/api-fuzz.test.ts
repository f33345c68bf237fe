import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, tokenFor, type Stack } from '../e2e/support';
import { retryingActivities } from './retrying-activities';
import { runSchemathesis } from './schemathesis';

jest.setTimeout(600_000);

let stack: Stack;
let reportDir: string;
beforeAll(async () => {
  // Webhooks the fuzzer creates may only name public addresses (none resolve or answer here): the worker calls nothing on this machine.
  stack = await startStack({ label: 'fuzz', allowPrivateWebhookTargets: false });
  await stack.startWorker();
  reportDir = mkdtempSync(join(tmpdir(), 'gotrs-fuzz-'));
});
afterAll(async () => {
  await stack?.close();
  rmSync(reportDir, { recursive: true, force: true });
});

describe('the API under schemathesis', () => {
  it('answers no 5xx, no undocumented status and nothing outside its response schemas', async () => {
    // An Admin's token (valid an hour, longer than the run), so that every route is exercised past its permission check.
    const admin = await tokenFor('Admin');
    // One worker: with two, Hypothesis describes filter lambdas with ast.parse in two threads at once, and CPython 3.11's
    // AST recursion counter is shared between threads (gh-106905): the run dies with "AST constructor recursion depth mismatch".
    const result = await runSchemathesis(
      stack.api.url,
      ['-H', `Authorization: Bearer ${admin}`, '--checks', 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance',
        '--max-time', process.env.FUZZ_SECONDS ?? '120', '--workers', '1', '--seed', '1', '--request-timeout', '10', '--phases', 'examples,coverage,fuzzing'],
      reportDir,
    );
    process.stderr.write(result.output.slice(-20000));
    expect(result.exitCode).toBe(0);
  });

  it('leaves no workflow retrying an activity on an error that retrying cannot cure', async () => {
    // Give the last requests' activities a moment to finish or fail once.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await retryingActivities(stack.api.client, stack.api.config.temporal.taskQueue)).toEqual([]);
  });
});
