import { allHandlersFinished, condition, continueAsNew, log, setDefaultSignalHandler, setHandler } from '@temporalio/workflow';
import {
  TICKET_LIFECYCLE_TYPE,
  TicketErrorCodes,
  assignTicketSignal,
  assignUpdate,
  changeStatusUpdate,
  recordResponseUpdate,
  decodeAssignRequest,
  decodeLifecycleStart,
  decodeResponseRequest,
  decodeStatusRequest,
  isFinalStatus,
  statusQuery,
  ticketPersistedUpdate,
  ticketQuery,
  updateStatusSignal,
  type DecodeError,
  type DecodeOptions,
  type LifecycleOutcome,
  type LifecycleStart,
  type TicketErrorCode,
} from '@gotrs/contracts';
import { defaultActivities, loadSettings, localDefaultActivities, localPersistenceActivities, persistenceActivities } from './activity-stubs';
import { historyIsLong } from './history-limit';
import { payloadOptions } from './input-patch';
import { runShape } from './patches';
import { syncTicketSearchAttributes } from './search-attributes';
import type { NoticeActivities } from './ticket-effects';
import { TicketRun, refusal, type Change } from './ticket-run';
import { decodeInput } from './workflow-input';

function decodeStart(input: unknown, options: DecodeOptions): LifecycleStart {
  return decodeInput(TICKET_LIFECYCLE_TYPE, () => decodeLifecycleStart(input, options));
}

type ChangeKind = 'assign' | 'status' | 'response';

/** How a payload that cannot be read is refused, per kind of change. */
const UNREADABLE: Record<ChangeKind, { field: 'assignee' | 'status' | 'response'; code: TicketErrorCode }> = {
  assign: { field: 'assignee', code: TicketErrorCodes.invalidAssignment },
  status: { field: 'status', code: TicketErrorCodes.invalidStatus },
  response: { field: 'response', code: TicketErrorCodes.invalidAssignment },
};

/** A signal's or update's payload as a change; one that cannot be read (or stored) is an `invalid` change. */
function decodeChange(kind: ChangeKind, raw: unknown, options: DecodeOptions): Change {
  try {
    if (kind === 'assign') return { kind, request: decodeAssignRequest(raw, options) };
    if (kind === 'status') return { kind, request: decodeStatusRequest(raw, options) };
    return { kind, request: decodeResponseRequest(raw, options) };
  } catch (error) {
    const unstorable = (error as Partial<DecodeError>).problem === 'unstorable';
    const code = unstorable ? TicketErrorCodes.changeNotStorable : UNREADABLE[kind].code;
    return { kind: 'invalid', field: UNREADABLE[kind].field, code, message: (error as Error).message, raw };
  }
}

/**
 * Validators refuse an update before it enters history: a payload that cannot be read or stored at
 * once, an illegal change once the row is loaded (before that they let it through).
 */
function validate(run: TicketRun, kind: ChangeKind, request: unknown): void {
  const change = decodeChange(kind, request, {});
  if (change.kind === 'invalid') throw refusal(change.code, change.message);
  if (!run.ticket) return;
  const decision = run.decide(change);
  if (decision.kind === 'reject') throw refusal(decision.code, decision.message);
}

async function applyUpdate(run: TicketRun, kind: ChangeKind, request: unknown) {
  const change = decodeChange(kind, request, payloadOptions());
  const outcome = await run.queue.enqueue(() => run.apply(change, 'api'));
  if (!outcome.ok) throw refusal(outcome.code, outcome.message);
  return outcome.ticket;
}

function registerHandlers(run: TicketRun): void {
  setHandler(statusQuery, () => run.ticket?.status ?? 'new');
  setHandler(ticketQuery, () => run.ticket ?? null);
  // Signals cannot answer: a refused one is recorded in the ticket's history and otherwise ignored.
  // One default handler takes both signal names, so signals buffered before the first activation
  // are applied in the order they arrived (per-name handlers would replay them name by name).
  setDefaultSignalHandler((name, raw) => {
    const kind = name === assignTicketSignal.name ? 'assign' : name === updateStatusSignal.name ? 'status' : undefined;
    if (!kind) {
      log.warn('ignoring an unknown signal', { signal: name });
      return;
    }
    const change = decodeChange(kind, raw, payloadOptions());
    void run.queue.enqueue(() => run.apply(change, 'signal'));
  });
  setHandler(assignUpdate, (request) => applyUpdate(run, 'assign', request), { validator: (request) => validate(run, 'assign', request) });
  setHandler(changeStatusUpdate, (request) => applyUpdate(run, 'status', request), { validator: (request) => validate(run, 'status', request) });
  setHandler(recordResponseUpdate, (request) => applyUpdate(run, 'response', request), { validator: (request) => validate(run, 'response', request) });
  setHandler(ticketPersistedUpdate, async () => {
    await condition(() => run.ticket !== undefined);
    return run.ticket!;
  });
}

function idle(run: TicketRun): boolean {
  return run.queue.size === 0 && allHandlersFinished();
}

/**
 * A ticket's life from creation to closure. Every change is applied one at a time and persisted by
 * an idempotent activity with a history row; the run ends when the ticket is closed, merged or
 * removed (a reopen starts a new run under the same workflow ID) and continues as new before its
 * history grows large.
 */
export async function TicketLifecycleWorkflow(input: unknown): Promise<LifecycleOutcome> {
  // Asked first, before anything is awaited (see COMPACT_PATCH): runs recorded before it write with activities.
  const { compact, settings: memoSettings } = runShape();
  const start = decodeStart(input, payloadOptions());
  const run = new TicketRun(start.ticket.id);
  registerHandlers(run);
  const settings = memoSettings ?? await loadSettings();
  const persistence = compact ? localPersistenceActivities(settings) : persistenceActivities(settings);
  const notices = compact ? localDefaultActivities<NoticeActivities>(settings) : defaultActivities<NoticeActivities>(settings);
  await run.load(start.ticket, persistence, notices, start.continued === true);

  for (;;) {
    syncTicketSearchAttributes(run.ticket);
    const wake = () => run.queue.size > 0 || (idle(run) && (isFinalStatus(run.current().status) || historyIsLong(settings)));
    const dueInMs = run.msUntilPendingEnds();
    const woken = dueInMs === undefined ? (await condition(wake), true) : dueInMs > 0 && (await condition(wake, dueInMs));
    if (run.queue.size > 0) {
      await run.queue.runNext();
    } else if (!woken) {
      await run.pendingEnded();
    } else if (await run.settle()) {
      // Signals and notifications went out; look again before ending or continuing.
    } else if (isFinalStatus(run.current().status)) {
      return { ticketId: run.ticketId, status: run.current().status, endedAt: new Date().toISOString() };
    } else {
      await continueAsNew<typeof TicketLifecycleWorkflow>({ ticket: { id: run.ticketId }, continued: true });
    }
  }
}
