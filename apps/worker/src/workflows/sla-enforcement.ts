import {
  ParentClosePolicy,
  condition,
  continueAsNew,
  log,
  setDefaultSignalHandler,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import {
  MILESTONES,
  WorkflowTypes,
  actorFrom,
  decodeSlaSignal,
  escalationWorkflowId,
  isFinalStatus,
  milestoneCompleteSignalName,
  normalizeStatus,
  statusTypeOf,
  systemActor,
  temporalActor,
  slaQuery,
  ticketStatusChangedSignal,
  type Actor,
  type EscalationStart,
  type MilestoneName,
  type SlaNotice,
  type SlaEvent,
  type SlaPlan,
  type SlaSignal,
  type SlaSnapshot,
  type TicketStatus,
} from '@gotrs/contracts';
import { SlaClock } from '@gotrs/sla';
import type { SlaActivities } from '../activities/sla-activities';
import { boundedLocalActivities, defaultActivities, loadSettings, localPersistenceActivities, persistenceActivities } from './activity-stubs';
import { historyIsLong } from './history-limit';
import { payloadOptions } from './input-patch';
import { applied, runShape, settingsMemo } from './patches';
import { syncSlaSearchAttributes } from './search-attributes';
import { checkedPlan, decodeSlaInput } from './sla-input';
import { replanUnder } from './sla-replan';

/** A signal as the loop takes it, with who caused it: the SLA events it leads to record them. */
type Message =
  | { kind: 'status'; status: string; at: number; actor: Actor }
  | { kind: 'complete'; milestone: MilestoneName; at: number; reason: string; actor: Actor }
  | { kind: 'policy'; policy: Record<string, unknown>; reason?: string; at: number; actor: Actor };

/** The clocks' own events (start, warn, breach, escalate) are the SLA's. */
const SLA_ACTOR = systemActor('sla');

const COMPLETE_SIGNALS = new Map(MILESTONES.map((m) => [milestoneCompleteSignalName(m), m]));

/** Patch IDs: runs recorded before these commands existed replay without them. */
export const SLA_PATCHES = { reopen: 'sla-reopen-cycles', replan: 'sla-policy-replan' } as const;

function when(at: unknown): number {
  const parsed = typeof at === 'string' ? Date.parse(at) : NaN;
  return Number.isNaN(parsed) ? Date.now() : Math.min(parsed, Date.now());
}

/** Signals in one queue, in arrival order (a default handler keeps buffered ones in order). */
function listen(inbox: Message[]): void {
  setDefaultSignalHandler((name, payload) => {
    let decoded: SlaSignal | undefined;
    try {
      decoded = decodeSlaSignal(name, payload, payloadOptions());
    } catch (error) {
      log.warn('ignoring a signal that cannot be read', { signal: name, error: (error as Error).message });
      return;
    }
    if (decoded?.kind === 'policy') {
      const { policy, reason, actorIdentity } = decoded;
      inbox.push({ kind: 'policy', policy, at: Date.now(), actor: actorIdentity ?? temporalActor('temporal-signal'), ...(reason ? { reason } : {}) });
      return;
    }
    const body: { status?: unknown; at?: unknown; actor?: string; actorIdentity?: Actor; reason?: unknown } = decoded ?? {};
    if (name === ticketStatusChangedSignal.name && typeof body.status === 'string') {
      inbox.push({ kind: 'status', status: body.status, at: when(body.at), actor: body.actorIdentity ?? SLA_ACTOR });
      return;
    }
    const milestone = COMPLETE_SIGNALS.get(name);
    if (milestone) {
      const who = typeof body.actor === 'string' ? ` by ${body.actor}` : '';
      const actor = actorFrom(body, temporalActor('temporal-signal'));
      inbox.push({ kind: 'complete', milestone, at: when(body.at), reason: typeof body.reason === 'string' ? body.reason : `${name}${who}`, actor });
      return;
    }
    log.warn('ignoring an unknown or malformed signal', { signal: name });
  });
}

/** A status change; a closed ticket reopened while this run still watches it starts new cycles. */
function statusEvents(clock: SlaClock, status: TicketStatus, at: number): SlaEvent[] {
  const reopened = statusTypeOf(clock.ticketStatus) === 'closed' && !isFinalStatus(status);
  if (reopened && applied(SLA_PATCHES.reopen)) return clock.reopen(status, at);
  return clock.statusChanged(status, at);
}

/**
 * The SLA of a reopened ticket, from what its earlier run recorded: new cycles from `at`. Null when
 * there is nothing to resume (the ticket never had an SLA, or is not reopened into a live status).
 */
async function resume(store: SlaActivities, ticketId: string, rawStatus: string, at: number): Promise<{ clock: SlaClock; events: SlaEvent[] } | null> {
  const status = normalizeStatus(rawStatus);
  if (!status || isFinalStatus(status)) {
    log.warn('nothing to resume: not a live status', { status: rawStatus });
    return null;
  }
  const stored = await store.LoadSlaStateActivity(ticketId);
  if (!stored) return null;
  return SlaClock.resume(checkedPlan(stored.plan, 'recorded plan'), stored.milestones, status, at);
}

/** A once-only key per event: per cycle for start/warn/meet/breach/escalate, per instant for pauses. */
function eventKey(ticketId: string, e: SlaEvent, plan?: SlaPlan): string {
  const base = `${ticketId}/${e.milestone}/${e.cycle}/${e.type}`;
  if (e.type === 'replan') return `${base}/v${plan?.policy.version ?? 0}`;
  return e.type === 'pause' || e.type === 'resume' ? `${base}/${e.at}` : base;
}

type NotifyManagers = { NotifyManagersActivity(notice: SlaNotice): Promise<unknown> };

/** How long a compact run's first, local try at telling the managers may hold its workflow task. */
const QUICK_NOTICE_TIMEOUT = '2 seconds';

/**
 * A ticket's SLA: each milestone on its own durable timer in business time, paused while the policy
 * says, met by the ticket's progress, warned and breached at the due instant (not by polling), each
 * recorded, told to the managers and (on a breach) escalated once per milestone cycle. Started again
 * with `{ resume }` when the closed ticket is reopened: new Resolution and Update cycles.
 */
export async function SLAEnforcementWorkflow(ticketId: string, config: unknown): Promise<SlaSnapshot | null> {
  // Asked first, before anything is awaited (see COMPACT_PATCH): runs recorded before it write with activities.
  const { compact, settings: memoSettings } = runShape();
  const inbox: Message[] = [];
  listen(inbox);
  let clock: SlaClock | undefined;
  setHandler(slaQuery, () => (clock ? { plan: clock.plan, ...clock.snapshot() } : null));

  const settings = memoSettings ?? await loadSettings();
  const store = compact ? localPersistenceActivities<SlaActivities>(settings) : persistenceActivities<SlaActivities>(settings);
  const notify = defaultActivities<NotifyManagers>(settings);
  const quickNotify = boundedLocalActivities<NotifyManagers>(QUICK_NOTICE_TIMEOUT);
  // A slow notice must not hold up the clocks' next task. In a compact run it is first tried once as
  // a local activity, bounded (no activity task, no task to take its result); if that attempt fails
  // or times out, an activity task retries it with the seed's policy. Notification IDs derive from
  // the notice, so the two attempts never notify anyone twice.
  const notifyManagers = (notice: SlaNotice): Promise<unknown> => (compact
    ? quickNotify.NotifyManagersActivity(notice).catch((error: unknown) => {
      log.warn('managers not told at once; an activity task retries', { notice, error });
      return notify.NotifyManagersActivity(notice);
    })
    : notify.NotifyManagersActivity(notice));
  const input = await decodeSlaInput(ticketId, config);
  const pending: Promise<unknown>[] = [];

  const record = async (events: SlaEvent[], plan?: SlaPlan, actor: Actor = SLA_ACTOR): Promise<void> => {
    for (const [index, breach] of events.entries()) {
      if (breach.type !== 'breach') continue;
      // A warning that fell due in the same step as the breach is written before it, in its order.
      const earlier = events.slice(0, index).filter((e) => e.type !== 'breach').map((e) => ({ ...e, key: eventKey(ticketId, e), actor }));
      await store.SLABreachActivity({
        ticketId, events: [{ ...breach, key: eventKey(ticketId, breach), actor: SLA_ACTOR }],
        milestones: clock!.milestones().filter((c) => c.name === breach.milestone),
        ...(earlier.length ? { earlier } : {}),
      });
    }
    const rest = events.filter((e) => e.type !== 'breach').map((e) => ({ ...e, key: eventKey(ticketId, e), actor }));
    await store.RecordSlaEventsActivity({ ticketId, events: rest, milestones: [...clock!.milestones()], ...(plan ? { plan } : {}) });
    for (const e of events.filter((x) => x.type === 'warn' || x.type === 'breach')) {
      const notice: SlaNotice = {
        ticketId, milestone: e.milestone, kind: e.type === 'warn' ? 'warning' : 'breach', cycle: e.cycle,
        dueAt: new Date(e.dueAt ?? e.at).toISOString(), at: new Date(e.at).toISOString(), policy: clock!.plan.policy.name,
        managers: clock!.plan.managers,
      };
      pending.push(notifyManagers(notice).catch((error: unknown) => log.error('managers not notified', { notice, error })));
    }
    for (const breach of events.filter((e) => e.type === 'breach')) await escalate(breach);
  };

  const escalate = async (breach: SlaEvent): Promise<void> => {
    const rules = clock!.plan.escalation;
    if (rules.length === 0) return;
    const trigger = `sla:${breach.milestone}:${breach.cycle}`;
    const input: EscalationStart = { rules, reason: `SLA ${breach.milestone} breached`, trigger };
    await startChild(WorkflowTypes.escalation, {
      workflowId: escalationWorkflowId(ticketId, trigger),
      args: [ticketId, input],
      memo: settingsMemo(),
      parentClosePolicy: ParentClosePolicy.ABANDON,
    }).catch((error: unknown) => log.error('escalation not started', { trigger, error }));
    const event: SlaEvent = { ...breach, type: 'escalate', reason: `escalation ladder started (${rules.length} levels)` };
    await store.RecordSlaEventsActivity({ ticketId, events: [{ ...event, key: eventKey(ticketId, event), actor: SLA_ACTOR }], milestones: [] });
  };

  if (input.kind === 'resume') {
    const resumed = await resume(store, ticketId, input.status, when(input.at));
    if (!resumed) return null;
    clock = resumed.clock;
    await record(resumed.events, undefined, input.actor ?? SLA_ACTOR);
  } else if (input.start.clock) {
    clock = SlaClock.restore(input.start.plan, input.start.clock);
  } else {
    const started = SlaClock.start(input.start.plan);
    clock = started.clock;
    await record(started.events, input.start.plan);
  }

  /** A new version of the ticket's policy (patched: a run recorded before ignored this signal). */
  const replan = async (message: Extract<Message, { kind: 'policy' }>): Promise<void> => {
    if (!applied(SLA_PATCHES.replan)) return;
    const events = replanUnder(clock, message.policy, message.at, message.reason);
    if (events.length === 0) return;
    const { plan } = clock;
    await store.RecordSlaReplanActivity({
      ticketId, plan, milestones: [...clock.milestones()],
      events: events.map((e) => ({ ...e, key: eventKey(ticketId, e, plan), actor: message.actor })),
    });
  };

  for (;;) {
    while (inbox.length > 0) {
      const message = inbox.shift()!;
      if (message.kind === 'policy') {
        await replan(message);
        continue;
      }
      const status = message.kind === 'status' ? normalizeStatus(message.status) : undefined;
      if (message.kind === 'status' && !status) log.warn('ignoring an unknown status', { status: message.status });
      const events = message.kind === 'complete'
        ? clock.complete(message.milestone, message.at, message.reason)
        : status ? statusEvents(clock, status, message.at) : [];
      if (events.length) await record(events, undefined, message.actor);
    }
    const due = clock.advance(Date.now());
    if (due.length) {
      await record(due);
      // Recording took time: fire whatever fell due meanwhile before arming the next timer.
      continue;
    }
    if (clock.done && inbox.length === 0) {
      await Promise.all(pending);
      // A signal that came while the last notices went out (a reopen, say) is not dropped.
      if (inbox.length === 0 || !applied(SLA_PATCHES.reopen)) break;
      continue;
    }
    if (historyIsLong(settings)) {
      await Promise.all(pending);
      await continueAsNew<typeof SLAEnforcementWorkflow>(ticketId, { plan: clock.plan, clock: clock.snapshot() });
    }
    syncSlaSearchAttributes(clock);
    const wake = clock.nextWakeAt();
    if (wake === undefined) await condition(() => inbox.length > 0);
    else await condition(() => inbox.length > 0, Math.max(1, wake - Date.now()));
  }
  await Promise.all(pending);
  syncSlaSearchAttributes(clock);
  return { plan: clock.plan, ...clock.snapshot() };
}
