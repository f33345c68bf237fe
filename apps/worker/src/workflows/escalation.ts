import { condition, getExternalWorkflowHandle, log, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  ESCALATION_TYPE,
  EscalationFailures,
  actorFrom,
  advanceEscalationSignal,
  assignTicketSignal,
  decodeEscalationAdvance,
  decodeEscalationStart,
  decodeTicketId,
  readField,
  systemActor,
  ticketWorkflowId,
  type Actor,
  type EscalationOutcome,
  type EscalationRule,
  type EscalationStart,
} from '@gotrs/contracts';
import type { createEscalationActivities } from '../activities/escalation-activities';
import { activityFailureType } from './activity-failures';
import { defaultActivities, loadSettings, localDefaultActivities, localPersistenceActivities, persistenceActivities } from './activity-stubs';
import { EscalationLadder, type Advance } from './escalation-ladder';
import { followsInputPatch } from './input-patch';
import { runShape } from './patches';
import { decodeInput } from './workflow-input';

type EscalationActivities = ReturnType<typeof createEscalationActivities>;

type Stop = Pick<EscalationOutcome, 'stopped' | 'detail'>;

/** The ladder's own actor: for levels nobody asked for, and the agents it assigns. */
const ESCALATION_ACTOR = systemActor('escalation');

/** Who fires a level: the advance's actor, else whoever started the ladder, else the ladder itself. */
function firedBy(start: EscalationStart, advance: Advance | undefined): Actor {
  if (advance && (advance.actorIdentity || advance.actor)) return actorFrom(advance, ESCALATION_ACTOR);
  return actorFrom(start, ESCALATION_ACTOR);
}

function decodeStart(ticketId: unknown, input: unknown): { ticketId: string; start: EscalationStart } {
  const options = followsInputPatch() ? {} : { acceptUnstorable: true };
  return decodeInput(ESCALATION_TYPE, () => ({ ticketId: decodeTicketId(ticketId, options), start: decodeEscalationStart(input, options) }));
}

/**
 * An `advance` payload, or null when it cannot be taken. Runs recorded before the input patch took
 * any text and ignored `Level: 0`, and replay that way; now `Level: 0` is Go's "not set": the next level.
 */
function readAdvance(raw: unknown): Advance | null {
  const patched = followsInputPatch();
  if (!patched && typeof raw === 'object' && raw !== null && readField(raw as Record<string, unknown>, 'level') === 0) return null;
  try {
    return decodeEscalationAdvance(raw, patched ? {} : { acceptUnstorable: true });
  } catch (error) {
    log.warn('ignoring an advance signal that cannot be read', { error: (error as Error).message });
    return null;
  }
}

function now(): string {
  return new Date().toISOString();
}

/** One ladder run: its activities, its signals and the levels it fired. */
class EscalationRun {
  readonly workflowId = workflowInfo().workflowId;
  readonly ladder: EscalationLadder;

  constructor(
    readonly ticketId: string,
    readonly start: EscalationStart,
    /** `advance` signals not acted on yet, in arrival order. */
    readonly advances: Advance[],
    private readonly store: EscalationActivities,
    private readonly notices: EscalationActivities,
  ) {
    this.ladder = new EscalationLadder(start.rules);
  }

  /** Fires one level; the stop reason when the ticket no longer needs it. */
  async fire(rule: EscalationRule, advance: Advance | undefined): Promise<Stop | undefined> {
    const cleared = { stopped: 'condition-cleared' as const, detail: `condition "${rule.condition}" no longer holds at level ${rule.level}` };
    try {
      if (!(await this.store.CheckEscalationConditionActivity(this.ticketId, rule))) return cleared;
      const reason = advance?.reason ?? this.start.reason;
      const actor = firedBy(this.start, advance);
      const at = now();
      const result = await this.store.EscalateToNextLevelActivity({
        ticketId: this.ticketId, workflowId: this.workflowId, trigger: this.start.trigger, rule, actor: actor.label, actorIdentity: actor, reason, at,
      });
      if (result.outcome === 'condition-cleared') return cleared;
      this.ladder.markFired(rule, at, advance ? 'advance' : 'ladder');
      await this.notify(rule, reason);
      if (rule.assignAgent) await this.assign(rule.assignAgent, reason);
      return undefined;
    } catch (error) {
      if (activityFailureType(error) === EscalationFailures.ticketNotFound) return { stopped: 'ticket-not-found', detail: `ticket ${this.ticketId} does not exist` };
      throw error;
    }
  }

  /** A notification that cannot go out is logged; it never holds up the ladder. */
  private async notify(rule: EscalationRule, reason: string): Promise<void> {
    const notice = { ticketId: this.ticketId, workflowId: this.workflowId, level: rule.level, reason, ...(rule.notify ? { recipients: rule.notify } : {}) };
    await this.notices.NotifyEscalationActivity(notice).catch((error: unknown) => log.error('escalation not notified', { level: rule.level, error }));
  }

  /** Hands the ticket to the rule's agent through its lifecycle workflow; a ticket without one is left alone. */
  private async assign(agentId: string, reason: string): Promise<void> {
    await getExternalWorkflowHandle(ticketWorkflowId(this.ticketId))
      .signal(assignTicketSignal, { agentId, actor: ESCALATION_ACTOR.label, actorIdentity: ESCALATION_ACTOR, reason })
      .catch((error: unknown) => log.warn('ticket workflow not signalled', { agentId, error }));
  }
}

/** Waits until `dueAt` or an advance, whichever comes first. */
async function waitForTurn(run: EscalationRun, dueAt: number): Promise<void> {
  const remaining = dueAt - Date.now();
  if (run.advances.length === 0 && remaining > 0) await condition(() => run.advances.length > 0, remaining);
}

/** Fires the levels in turn (or as advances ask) until the ladder ends or the ticket no longer needs it. */
async function climb(run: EscalationRun): Promise<Stop> {
  let dueAt = Date.now();
  while (!run.ladder.done) {
    await waitForTurn(run, dueAt);
    const advance = run.advances.shift();
    const pick = run.ladder.pick(advance);
    if (pick.kind === 'ignore') {
      log.info('advance ignored', { why: pick.why, advance });
      continue;
    }
    const stop = await run.fire(pick.rule, advance);
    if (stop) return stop;
    dueAt = Date.now() + pick.rule.waitMs;
  }
  return { stopped: 'ladder-complete', detail: `every level fired or was skipped (reached level ${run.ladder.reached})` };
}

/**
 * A ticket's escalation ladder: for each level in order, check the rule's condition, raise the
 * ticket's escalation level (with its queue, priority and agent), tell the people, then wait the
 * rule's wait. It stops as soon as the condition no longer holds and never fires a level twice; an
 * `advance` signal ends the wait at once (or jumps to a level). Go callers send `(ticketID, rules)`.
 */
export async function EscalationWorkflow(ticketIdInput: unknown, input: unknown): Promise<EscalationOutcome> {
  // Asked before anything else, so that its marker sits at the same point on every replay.
  const { compact, settings: memoSettings } = runShape();
  // Registered first, so an advance sent with the start (signal-with-start) is not lost.
  const advances: Advance[] = [];
  setHandler(advanceEscalationSignal, (raw: unknown) => {
    const advance = readAdvance(raw);
    if (advance) advances.push(advance);
  });
  const { ticketId, start } = decodeStart(ticketIdInput, input);
  const settings = memoSettings ?? await loadSettings();
  // The compact shape: the ladder's records and its notices are local activities (markers in the
  // workflow task that asks for them), with the same retry policies and idempotent writes.
  const store = (compact ? localPersistenceActivities : persistenceActivities)<EscalationActivities>(settings);
  const notices = (compact ? localDefaultActivities : defaultActivities)<EscalationActivities>(settings);
  const run = new EscalationRun(ticketId, start, advances, store, notices);
  const info = workflowInfo();
  await store.RecordEscalationStartActivity({
    workflowId: info.workflowId, runId: info.runId, ticketId, trigger: start.trigger, reason: start.reason, rules: start.rules, at: now(),
    actor: actorFrom(start, ESCALATION_ACTOR),
  });

  const stop = await climb(run);
  await store.RecordEscalationEndActivity({ workflowId: info.workflowId, runId: info.runId, outcome: stop.stopped, detail: stop.detail, at: now() });
  return { ticketId, workflowId: info.workflowId, trigger: start.trigger, fired: run.ladder.fired, skipped: run.ladder.skipped, ...stop };
}
