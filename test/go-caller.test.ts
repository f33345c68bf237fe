/**
 * Wire-contract proof (CONTRACT.md section 1): a real Go program using the Temporal Go SDK, written
 * the way GOTRS's Go code is (test/go-caller/main.go), drives our real TypeScript worker on the run's
 * real Temporal dev server, and the ticket's rows land in the real PostgreSQL.
 *
 * Needs the Go toolchain (`go` on PATH, or GO_BIN). The first build downloads go.temporal.io/sdk and
 * compiles it (about a minute); later builds come from Go's build cache in seconds.
 * GO_CALLER_VERBOSE=1 prints the Go program's report.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@gotrs/config';
import { createPool } from '@gotrs/db';
import { testEnv, uniqueTaskQueue } from '@gotrs/devstack/testing';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import pino from 'pino';
import type { Pool } from 'pg';
import { createWorker } from '../apps/worker/src/create-worker';

const GO_CALLER_DIR = join(__dirname, 'go-caller');
const GO = process.env.GO_BIN || 'go';
const BUILD_TIMEOUT_MS = 10 * 60_000;
const RUN_TIMEOUT_MS = 120_000;

interface Exec {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a program and always resolves, so a failure can be reported with its output. */
function exec(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout: number }): Promise<Exec> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr: error && code === null ? `${stderr}\n${error.message}` : stderr, ms: Date.now() - started });
    });
  });
}

/** What the Go program prints (one JSON line); see Report in main.go. */
interface GoObservation {
  after: string;
  status: string;
  polls: number;
}
interface GoRun {
  ticketId: string;
  workflowId: string;
  runId: string;
  startedWith: string;
  observations: GoObservation[] | null;
  statusesSeen: string[] | null;
  getError: string | null;
  outcome: { TicketID: string; Status: string; EndedAt: string } | null;
  completed: boolean;
}
interface GoReport {
  ok: boolean;
  error?: string;
  taskQueue: string;
  lifecycle?: GoRun;
  signalWithStart?: GoRun;
  elapsedMs: number;
}

interface HistoryRow {
  action: string;
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  actor: string;
  reason: string | null;
  source: string;
  accepted: boolean;
}

interface WirePayload {
  encoding: string;
  data: string;
}
type RawPayload = { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null };

function wire(payload: RawPayload | undefined): WirePayload {
  const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
  return { encoding: text(payload?.metadata?.encoding), data: text(payload?.data) };
}

/** The payloads the Go SDK put into a run's history, exactly as they went over the wire. */
async function wireHistory(client: Client, workflowId: string, runId: string) {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const events = history.events ?? [];
  const started = events.find((e) => e.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes;
  return {
    workflowType: started?.workflowType?.name,
    input: (started?.input?.payloads ?? []).map(wire),
    signals: events
      .filter((e) => e.workflowExecutionSignaledEventAttributes)
      .map((e) => ({ name: e.workflowExecutionSignaledEventAttributes!.signalName, payloads: (e.workflowExecutionSignaledEventAttributes!.input?.payloads ?? []).map(wire) })),
    workflowTaskFailures: events.filter((e) => e.workflowTaskFailedEventAttributes).length,
    completed: events.some((e) => e.workflowExecutionCompletedEventAttributes),
  };
}

function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Another test file in this Jest worker installed it first: keep that one.
  }
}

let buildDir: string;
let binary: string;

beforeAll(async () => {
  buildDir = mkdtempSync(join(tmpdir(), 'gotrs-go-caller-'));
  binary = join(buildDir, 'go-caller');
  const build = await exec(GO, ['build', '-o', binary, '.'], {
    cwd: GO_CALLER_DIR,
    // -buildvcs=false: no git stamping (the checkout may be dirty, or not a git checkout at all).
    env: { ...process.env, GOFLAGS: '-mod=mod -buildvcs=false' },
    timeout: BUILD_TIMEOUT_MS,
  });
  if (build.code !== 0) {
    throw new Error(`go build failed (exit ${build.code}) in ${GO_CALLER_DIR}; is Go 1.26 installed (GO_BIN)?\n${build.stderr}${build.stdout}`);
  }
  process.stderr.write(`go-caller built in ${(build.ms / 1000).toFixed(1)} s\n`);
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(() => {
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('a Go caller (Temporal Go SDK, as in the GOTRS seed) drives the TypeScript worker', () => {
  it('starts, signals, queries and closes tickets; the rows land in PostgreSQL', async () => {
    quietRuntime();
    const { temporalAddress, databaseUrl } = testEnv();
    const config = loadConfig({
      ...process.env,
      TEMPORAL_ADDRESS: temporalAddress,
      DATABASE_URL: databaseUrl,
      TEMPORAL_TASK_QUEUE: uniqueTaskQueue('go-caller'),
      LOG_LEVEL: 'silent',
    });
    const logger = pino({ level: 'silent' });
    const pool: Pool = createPool(config.database);
    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const suffix = randomBytes(4).toString('hex');
    const ticketId = `GO-${suffix}`;
    const ticket2Id = `GO-${suffix}-sws`;

    const clientConnection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
    let run: Exec;
    try {
      const worker = await createWorker({ config, connection, pool, logger, client });
      run = await worker.runUntil(
        exec(binary, ['-address', config.temporal.address, '-namespace', config.temporal.namespace,
          '-task-queue', config.temporal.taskQueue, '-ticket', ticketId, '-ticket2', ticket2Id, '-timeout', '100s'], {
          timeout: RUN_TIMEOUT_MS,
        }),
      );
    } catch (error) {
      await connection.close();
      await clientConnection.close();
      await pool.end();
      throw error;
    }
    await connection.close();
    if (process.env.GO_CALLER_VERBOSE) process.stderr.write(`go-caller ran in ${run.ms} ms:\n${run.stdout}${run.stderr}`);

    try {
      const lines = run.stdout.trim().split('\n');
      let report: GoReport;
      try {
        report = JSON.parse(lines[lines.length - 1] ?? '') as GoReport;
      } catch {
        throw new Error(`go-caller printed no JSON report (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
      }
      if (!report.ok || run.code !== 0) {
        throw new Error(`go-caller failed (exit ${run.code}): ${report.error}\n${JSON.stringify(report, null, 2)}\n${run.stderr}`);
      }

      // What the Go program saw through the SDK.
      const lifecycle = report.lifecycle!;
      expect(lifecycle).toMatchObject({ workflowId: `ticket-${ticketId}`, completed: true, getError: null });
      expect(lifecycle.observations?.map(({ after, status }) => ({ after, status }))).toEqual([
        { after: 'start', status: 'new' },
        { after: 'assign-ticket agent-7, update-status open', status: 'open' },
        { after: 'update-status pending (must be refused)', status: 'open' },
        { after: 'update-status closed', status: 'closed successful' },
      ]);
      expect(lifecycle.statusesSeen).toEqual(['new', 'open', 'closed successful']);
      expect(lifecycle.outcome).toMatchObject({ TicketID: ticketId, Status: 'closed successful' });
      expect(Number.isNaN(Date.parse(lifecycle.outcome!.EndedAt))).toBe(false);

      const sws = report.signalWithStart!;
      expect(sws).toMatchObject({ workflowId: `ticket-${ticket2Id}`, completed: true, getError: null });
      expect(sws.observations?.map(({ status }) => status)).toEqual(['open', 'closed successful']);
      expect(sws.outcome).toMatchObject({ TicketID: ticket2Id, Status: 'closed successful' });

      // What went over the wire: the Go SDK's default converter, json/plain, Go field names.
      const json = (data: string) => ({ encoding: 'json/plain', data });
      expect(await wireHistory(client, lifecycle.workflowId, lifecycle.runId)).toEqual({
        workflowType: 'TicketLifecycleWorkflow',
        input: [json(JSON.stringify(ticketId))],
        signals: [
          { name: 'assign-ticket', payloads: [json('{"AgentID":"agent-7"}')] },
          { name: 'update-status', payloads: [json('"open"')] },
          { name: 'update-status', payloads: [json('"pending"')] },
          { name: 'update-status', payloads: [json('"closed"')] },
        ],
        workflowTaskFailures: 0,
        completed: true,
      });
      expect(await wireHistory(client, sws.workflowId, sws.runId)).toEqual({
        workflowType: 'TicketLifecycleWorkflow',
        input: [json(JSON.stringify(ticket2Id))],
        signals: [
          { name: 'assign-ticket', payloads: [json('{"AgentID":"agent-9"}')] },
          { name: 'update-status', payloads: [json('"open"')] },
          { name: 'update-status', payloads: [json('"closed"')] },
        ],
        workflowTaskFailures: 0,
        completed: true,
      });

      // What the worker wrote.
      const tickets = await pool.query(
        `SELECT id, number, title, description, status, status_type, priority, queue, assignee, pending_until
           FROM tickets WHERE id = ANY($1) ORDER BY id`,
        [[ticketId, ticket2Id]],
      );
      expect(tickets.rows).toEqual([
        {
          id: ticketId, number: expect.stringMatching(/^\d{16}$/), title: `Ticket ${ticketId}`, description: null,
          status: 'closed successful', status_type: 'closed', priority: 3, queue: 'Raw', assignee: 'agent-7', pending_until: null,
        },
        {
          id: ticket2Id, number: expect.stringMatching(/^\d{16}$/), title: `Ticket ${ticket2Id}`, description: null,
          status: 'closed successful', status_type: 'closed', priority: 3, queue: 'Raw', assignee: 'agent-9', pending_until: null,
        },
      ]);

      const history = async (id: string) =>
        (await pool.query<HistoryRow>(
          `SELECT action, field, from_value, to_value, actor, reason, source, accepted
             FROM ticket_history WHERE ticket_id = $1 ORDER BY seq`,
          [id],
        )).rows;
      const signal = { actor: 'temporal-signal', source: 'signal' };
      expect(await history(ticketId)).toEqual([
        { action: 'created', field: 'status', from_value: null, to_value: 'new', actor: 'system', reason: null, source: 'system', accepted: true },
        { action: 'assigned', field: 'assignee', from_value: null, to_value: 'agent-7', reason: null, accepted: true, ...signal },
        { action: 'status-changed', field: 'status', from_value: 'new', to_value: 'open', reason: null, accepted: true, ...signal },
        {
          action: 'rejected', field: 'status', from_value: 'open', to_value: 'pending', accepted: false, ...signal,
          reason: expect.stringMatching(/^pending_until_required: .*pendingUntil/),
        },
        { action: 'status-changed', field: 'status', from_value: 'open', to_value: 'closed successful', reason: null, accepted: true, ...signal },
      ]);
      expect((await history(ticket2Id)).map((h) => [h.action, h.to_value, h.source, h.accepted])).toEqual([
        ['created', 'new', 'system', true],
        ['assigned', 'agent-9', 'signal', true],
        ['status-changed', 'open', 'signal', true],
        ['status-changed', 'closed successful', 'signal', true],
      ]);
    } finally {
      await clientConnection.close();
      await pool.end();
    }
  }, RUN_TIMEOUT_MS + 60_000);
});
