import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  setDefaultSignalHandler,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { WorkflowSettings } from '@gotrs/config';
import {
  TicketErrorCodes,
  assignTicketSignal,
  assignUpdate,
  changeStatusUpdate,
  recordResponseUpdate,
  decodeAssignRequest,
  decodeLifecycleStart,
  decodeStatusRequest,
  isFinalStatus,
  statusQuery,
  ticketPersistedUpdate,
  ticketQuery,
  updateStatusSignal,
  type LifecycleStart,
  type TicketStatus,
} from '@gotrs/contracts';
import { defaultActivities, loadSettings, persistenceActivities } from './activity-stubs';
import type { NoticeActivities } from './ticket-effects';
import { TicketRun, refusal, type Change } from './ticket-run';

/** What a finished run reports. */
export interface LifecycleOutcome {
  ticketId: string;
  status: TicketStatus;
  endedAt: string;
}

function decodeStart(input: unknown): LifecycleStart {
  try {
    return decodeLifecycleStart(input);
  } catch (error) {
    throw ApplicationFailure.nonRetryable(`invalid TicketLifecycleWorkflow input: ${(error as Error).message}`, 'invalid_input');
  }
}

function decodeSignal(kind: 'assign' | 'status', raw: unknown): Change {
  try {
    return kind === 'assign'
      ? { kind: 'assign', request: decodeAssignRequest(raw) }
      : { kind: 'status', request: decodeStatusRequest(raw) };
  } catch (error) {
    const field = kind === 'assign' ? 'assignee' : 'status';
    const code = kind === 'assign' ? TicketErrorCodes.invalidAssignment : TicketErrorCodes.invalidStatus;
    return { kind: 'invalid', field, code, message: (error as Error).message, raw };
  }
}

/** Validators refuse an update before it enters history; before the row is loaded they let it through. */
function validate(run: TicketRun, change: Change): void {
  if (!run.ticket) return;
  const decision = run.decide(change);
  if (decision.kind === 'reject') throw refusal(decision.code, decision.message);
}

async function applyUpdate(run: TicketRun, change: Change) {
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
    if (kind) void run.queue.enqueue(() => run.apply(decodeSignal(kind, raw), 'signal'));
    else log.warn('ignoring an unknown signal', { signal: name });
  });
  setHandler(assignUpdate, (request) => applyUpdate(run, { kind: 'assign', request }), {
    validator: (request) => validate(run, { kind: 'assign', request }),
  });
  setHandler(changeStatusUpdate, (request) => applyUpdate(run, { kind: 'status', request }), {
    validator: (request) => validate(run, { kind: 'status', request }),
  });
  setHandler(recordResponseUpdate, (request) => applyUpdate(run, { kind: 'response', request }), {
    validator: (request) => validate(run, { kind: 'response', request }),
  });
  setHandler(ticketPersistedUpdate, async () => {
    await condition(() => run.ticket !== undefined);
    return run.ticket!;
  });
}

function idle(run: TicketRun): boolean {
  return run.queue.size === 0 && allHandlersFinished();
}

function historyIsLong(settings: WorkflowSettings): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength >= settings.continueAsNewAfterEvents;
}

/**
 * A ticket's life from creation to closure. Every change is applied one at a time and persisted by
 * an idempotent activity with a history row; the run ends when the ticket is closed, merged or
 * removed (a reopen starts a new run under the same workflow ID) and continues as new before its
 * history grows large.
 */
export async function TicketLifecycleWorkflow(input: unknown): Promise<LifecycleOutcome> {
  const start = decodeStart(input);
  const run = new TicketRun(start.ticket.id);
  registerHandlers(run);
  const settings = await loadSettings();
  await run.load(start.ticket, persistenceActivities(settings), defaultActivities<NoticeActivities>(settings), start.continued === true);

  for (;;) {
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
