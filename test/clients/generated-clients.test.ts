/**
 * The committed openapi/openapi.json makes clients that compile, in the two languages GOTRS is
 * written in: a TypeScript client (openapi-typescript's types with openapi-fetch, checked with
 * `tsc` against test/clients/ts/usage.ts) and Go clients from two generators with different
 * parsers: openapi-generator's `go` (built with `go build` together with test/clients/go/main.go,
 * which is then run against the API) and oapi-codegen (built with `go build`).
 *
 * Needs Java 17+ and Go. The first run downloads openapi-generator's jar from Maven Central into
 * the git-ignored .tools/openapi-generator (version pinned in test/clients/openapitools.json), and
 * oapi-codegen and the clients' dependencies from the Go module proxy into Go's module cache; later
 * runs take about 30 s.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { insertTicket, startApi, tokenFor, type TestApi } from '../../apps/api/test/support';

const ROOT = resolve(__dirname, '../..');
const DOCUMENT = join(ROOT, 'openapi/openapi.json');
const BIN = join(ROOT, 'node_modules/.bin');
const TS_DIR = join(__dirname, 'ts');
const GO_DIR = join(__dirname, 'go');
const GO = process.env.GO_BIN || 'go';
const OAPI_CODEGEN = 'github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen@v2.8.2';
const STEP_TIMEOUT_MS = 8 * 60_000;

interface Exec {
  code: number | null;
  output: string;
}

/** Runs a program and always resolves, so that a failure is reported with its output. */
function exec(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Exec> {
  return new Promise((done) => {
    execFile(file, args, { ...options, timeout: STEP_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      done({ code, output: `${stdout}${stderr}${error && code === null ? `\n${error.message}` : ''}` });
    });
  });
}

/** Fails with the step's output when it did not exit 0. */
function expectSuccess(step: string, result: Exec): void {
  expect({ step, code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ step, code: 0, output: '' });
}

describe('clients generated from openapi/openapi.json', () => {
  it('TypeScript (openapi-typescript, openapi-fetch): compiles with tsc, typing priorities, filters and bodies', async () => {
    const out = join(TS_DIR, 'generated/api.ts');
    rmSync(out, { force: true });
    // Without --default-non-nullable false, a property with a default (queue: "Raw") would be required in request bodies too.
    expectSuccess('openapi-typescript', await exec(join(BIN, 'openapi-typescript'), [DOCUMENT, '--default-non-nullable', 'false', '-o', out]));
    expectSuccess('tsc', await exec(join(BIN, 'tsc'), ['-p', join(TS_DIR, 'tsconfig.json')]));
  }, 2 * STEP_TIMEOUT_MS);

  it('Go (oapi-codegen): compiles with go build', async () => {
    const out = join(GO_DIR, 'oapi');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out);
    const generator = await exec(GO, ['run', OAPI_CODEGEN, '-generate', 'types,client', '-package', 'oapi', '-o', join(out, 'client.gen.go'), DOCUMENT], { cwd: GO_DIR });
    expectSuccess('oapi-codegen', generator);
    expectSuccess('go build', await exec(GO, ['build', './oapi'], { cwd: GO_DIR, env: { ...process.env, GOFLAGS: '-buildvcs=false' } }));
  }, 2 * STEP_TIMEOUT_MS);

  describe('Go (openapi-generator)', () => {
    let api: TestApi | undefined;
    afterAll(() => api?.close());

    it('compiles with go build, and creates and lists tickets on the API', async () => {
      const out = join(GO_DIR, 'gotrs');
      rmSync(out, { recursive: true, force: true });
      const generator = await exec(
        join(BIN, 'openapi-generator-cli'),
        [
          '--openapitools', join(__dirname, 'openapitools.json'),
          'generate', '-i', DOCUMENT, '-g', 'go', '-o', out,
          '--additional-properties', 'packageName=gotrs,withGoMod=false',
          '--global-property', 'apiTests=false,modelTests=false,apiDocs=false,modelDocs=false',
        ],
        // The wrapper resolves its storageDir (.tools/openapi-generator) against PWD.
        { cwd: ROOT, env: { ...process.env, PWD: ROOT } },
      );
      expectSuccess('openapi-generator-cli generate -g go', generator);
      const binary = join(GO_DIR, 'client-check');
      expectSuccess('go build', await exec(GO, ['build', '-o', binary, '.'], { cwd: GO_DIR, env: { ...process.env, GOFLAGS: '-buildvcs=false' } }));

      api = await startApi({ label: 'go-client', createWaitMs: 200 });
      // No worker writes the tickets the client creates (they are accepted, 202): the list finds these two rows.
      const queue = `go-client-${randomUUID()}`;
      for (let i = 0; i < 2; i++) await insertTicket(api.pool, { queue });
      const run = await exec(binary, [api.url, queue], { env: { ...process.env, GOTRS_TOKEN: await tokenFor('Agent') } });
      expectSuccess('the Go client against the API', run);
      expect(JSON.parse(run.output.trim())).toEqual({ priorities: [3, 5, 4], listed: 2, requestId: 'go-client-2' });
    }, 3 * STEP_TIMEOUT_MS);
  });
});
