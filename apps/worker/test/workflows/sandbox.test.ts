import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOWS_PATH } from '../../src/create-worker';
import { REQUEST_ID_WORKFLOW_INTERCEPTORS } from '../../src/tracing/worker-interceptors';

jest.setTimeout(60_000);

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

/** Packages that must never reach the workflow sandbox: I/O, clients, and the worker itself. */
const FORBIDDEN = ['pg', 'pg-pool', 'nodemailer', 'pino', '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@gotrs/db', '@gotrs/config'];

function forbiddenModulesIn(code: string): string[] {
  return FORBIDDEN.filter((name) => code.includes(`node_modules/${name}/`) || code.includes(`packages/${name.replace('@gotrs/', '')}/`));
}

async function bundle(workflowsPath: string, workflowInterceptorModules: string[] = []): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules, logger: silent });
  return code;
}

describe('workflow sandbox', () => {
  it('bundles the workflows (and the request-ID interceptors the worker adds) without I/O packages, Temporal clients or Node built-ins', async () => {
    const code = await bundle(WORKFLOWS_PATH, [REQUEST_ID_WORKFLOW_INTERCEPTORS]);
    expect(code).toContain('TicketLifecycleWorkflow');
    expect(code).toContain('request-id-interceptors');
    expect(forbiddenModulesIn(code)).toEqual([]);
  });

  it('refuses a workflow module that imports a forbidden package', async () => {
    const path = join(__dirname, '..', 'fixtures', 'forbidden', 'workflows.ts');
    const outcome = await bundle(path).then(forbiddenModulesIn, (error: Error) => error.message);
    // pg pulls in Node built-ins, which the bundler refuses outright.
    expect(outcome).toEqual(expect.stringMatching(/disallowed modules[\s\S]*'net'/));
  });
});
