import { MILESTONES, type MilestoneState, type SlaEventType } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import type { ApiActor } from './actor';
import { DateTime, Nullable, StringEnum, TicketId } from './common';
import { Ref } from './responses';

const MILESTONE_STATES = ['running', 'paused', 'warned', 'met', 'breached'] as const satisfies readonly MilestoneState[];
const SLA_EVENT_TYPES = ['start', 'pause', 'resume', 'warn', 'meet', 'breach', 'escalate'] as const satisfies readonly SlaEventType[];

const Milestone = StringEnum(MILESTONES, { description: 'FirstResponse, Resolution, or Update (time between agent updates).' });
const Seconds = (description: string) => Type.Integer({ description });

export const SlaMilestoneSchema = Type.Object(
  {
    name: Milestone,
    state: StringEnum(MILESTONE_STATES, { description: '`breached` and `met` outrank `paused`, which outranks `warned`.' }),
    cycle: Type.Integer({
      minimum: 1,
      description:
        'Clock cycle: 1 at first. Update starts a new cycle at each agent response; Resolution and Update start a new ' +
        'cycle when the closed ticket is reopened (FirstResponse does not).',
    }),
    target: Type.String({ description: 'The target as an ISO 8601 duration of business time.', examples: ['PT4H'] }),
    targetSeconds: Seconds('The target in seconds of business time.'),
    dueAt: Nullable({
      ...DateTime,
      description:
        'When the target is reached while the clock runs; once breached, the instant it was due (so a client can show ' +
        '"breached 4 min ago"). Null while paused (it is projected again when the clock resumes) and once met in time.',
    }),
    remainingSeconds: Seconds('Business time left before the target; negative once it has passed.'),
    elapsedSeconds: Seconds('Business time counted so far (pauses and closed hours excluded).'),
    pausedSeconds: Seconds('Wall time spent paused (pending statuses, per the policy).'),
    warnedAt: Nullable(DateTime),
    metAt: Nullable(DateTime),
    breachedAt: Nullable(DateTime),
  },
  { $id: 'SlaMilestone', title: 'SlaMilestone', additionalProperties: false },
);

export const SlaEventSchema = Type.Object(
  {
    id: Type.String({ description: 'Sequence number of the event.' }),
    type: StringEnum(SLA_EVENT_TYPES),
    milestone: Milestone,
    cycle: Type.Integer({ minimum: 1 }),
    at: DateTime,
    dueAt: Nullable({ ...DateTime, description: 'The due instant the event relates to; a breach is `at - dueAt` late.' }),
    reason: Type.String({ description: 'Why; a `start` of a new cycle after a reopen says `ticket reopened`.' }),
    actor: Type.String({
      description: 'Who caused it: `sla` for the clock\'s own events (start, warn, breach, escalate), else who changed the ticket (a pause, resume, meet or new cycle).',
    }),
    actorIdentity: Ref<ApiActor>('Actor'),
  },
  { $id: 'SlaEvent', title: 'SlaEvent', additionalProperties: false },
);

/** A ticket's SLA as `GET /tickets/{id}/sla` shows it. */
export const TicketSlaSchema = Type.Object(
  {
    ticketId: TicketId,
    policy: Type.Object(
      {
        name: Type.String(),
        version: Type.Integer({ description: 'The policy version the ticket started with; later edits do not apply to it.' }),
        reason: Type.String({ description: 'Why this policy (or the request\'s override) applies.' }),
      },
      { additionalProperties: false },
    ),
    calendar: Type.Object(
      { name: Type.String(), timezone: Type.String({ description: 'IANA time zone.' }) },
      { additionalProperties: false, description: 'The business-hours calendar the clocks count in.' },
    ),
    startedAt: Type.String({ format: 'date-time', description: "When the clocks started: the ticket's creation." }),
    asOf: Type.String({ format: 'date-time', description: 'The instant the live figures (remaining, elapsed, paused) were computed at.' }),
    reopens: Type.Integer({
      minimum: 0,
      description:
        'How many times a reopen of the closed ticket restarted its clocks: each one starts a new Resolution (and Update) ' +
        'cycle under the policy version the ticket started with. 0 if never.',
    }),
    reopenedAt: Nullable({ ...DateTime, description: 'When the latest reopen restarted the clocks; null if none did.' }),
    milestones: Type.Array(Type.Unsafe<Static<typeof SlaMilestoneSchema>>(Type.Ref('SlaMilestone'))),
    events: Type.Array(Type.Unsafe<Static<typeof SlaEventSchema>>(Type.Ref('SlaEvent')), { description: 'Oldest first.' }),
  },
  { $id: 'TicketSla', title: 'TicketSla', additionalProperties: false },
);

export type ApiTicketSla = Static<typeof TicketSlaSchema>;
export type ApiSlaMilestone = Static<typeof SlaMilestoneSchema>;
export type ApiSlaEvent = Static<typeof SlaEventSchema>;

/** The SLA response models, registered with `addSchema` and referenced by `$ref`. */
export const SLA_MODELS = [SlaMilestoneSchema, SlaEventSchema, TicketSlaSchema];
