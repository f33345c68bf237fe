import { MILESTONES } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { NullableActor } from './actor';
import { DateTime, Nullable, StringEnum, TicketId } from './common';

const Milestone = StringEnum(MILESTONES);
const MILESTONE_STATES = ['running', 'paused', 'warned', 'met', 'breached'] as const;
const SOURCES = ['config', 'applied'] as const;

const Version = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    source: StringEnum(SOURCES, { description: '`config`: config/sla.yaml; `applied`: applied over this API.' }),
    scope: Nullable(StringEnum(['new', 'open'] as const, { description: 'How it was applied (null for the file\'s).' })),
    appliedAt: Nullable(DateTime),
    appliedBy: NullableActor('Who applied it (null for the file\'s).'),
  },
  { additionalProperties: false },
);

/** A policy: the version new tickets get, the versions known, and how many open tickets run under each. */
export const SlaPolicySchema = Type.Object(
  {
    name: Type.String(),
    effective: Type.Object(Version.properties, {
      additionalProperties: false,
      description: 'The version tickets created now get: the highest of the file\'s and the applied ones.',
    }),
    versions: Type.Array(Version, { description: 'Every version known: the file\'s and those applied over this API, by version.' }),
    openTickets: Type.Array(
      Type.Object({ version: Type.Integer(), tickets: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
      { description: 'Open tickets on this policy by the version their SLA runs under: an apply `open` moves them to its version as their workflows re-plan.' },
    ),
  },
  { $id: 'SlaPolicy', title: 'SlaPolicy', additionalProperties: false },
);
export type ApiSlaPolicy = Static<typeof SlaPolicySchema>;

const Seconds = Nullable(Type.Integer({ description: 'Seconds; null when either instant is.' }));

export const SlaMilestonePreviewSchema = Type.Object(
  {
    name: Milestone,
    state: StringEnum(MILESTONE_STATES, { description: 'Now.' }),
    newState: StringEnum(MILESTONE_STATES, { description: 'Right after the re-plan (`breached` for a target already passed).' }),
    target: Type.String({ description: 'Now, ISO 8601.' }),
    newTarget: Type.String({ description: 'Under the version, ISO 8601.' }),
    dueAt: Nullable({ ...DateTime, description: 'Now (null while paused or once met or breached).' }),
    newDueAt: Nullable({ ...DateTime, description: 'Under the version: for a target already passed, when it was passed.' }),
    dueShiftSeconds: Seconds,
    warnAt: Nullable({ ...DateTime, description: 'When the warning is due now (null once warned, or while paused).' }),
    newWarnAt: Nullable(DateTime),
    warnShiftSeconds: Seconds,
    breachesAtOnce: Type.Boolean({ description: 'The elapsed business time has passed the new target: the breach would fire at once.' }),
    warnsAtOnce: Type.Boolean({ description: 'The new warning point has passed (and the target not): the warning would fire at once.' }),
  },
  { $id: 'SlaMilestonePreview', title: 'SlaMilestonePreview', additionalProperties: false },
);

export const SlaTicketPreviewSchema = Type.Object(
  {
    ticketId: TicketId,
    status: Type.String(),
    version: Type.Integer({ description: 'The version its SLA runs under now.' }),
    moves: Type.Boolean({ description: 'Whether any due or warning instant would move, or a breach or warning fire at once.' }),
    milestones: Type.Array(Type.Unsafe<Static<typeof SlaMilestonePreviewSchema>>(Type.Ref('SlaMilestonePreview'))),
  },
  { $id: 'SlaTicketPreview', title: 'SlaTicketPreview', additionalProperties: false },
);

export const SlaPolicyPreviewSchema = Type.Object(
  {
    policy: Type.String(),
    version: Type.Integer({ description: 'The version previewed.' }),
    asOf: DateTime,
    tickets: Type.Array(Type.Unsafe<Static<typeof SlaTicketPreviewSchema>>(Type.Ref('SlaTicketPreview')), { description: 'Open tickets on the policy, by ID.' }),
    skipped: Type.Array(
      Type.Object({ ticketId: TicketId, reason: Type.String() }, { additionalProperties: false }),
      { description: 'Open tickets on the policy whose targets are their own (a create\'s `sla` override, a Go caller\'s): a version does not change them.' },
    ),
    nextCursor: Nullable(Type.String({ description: 'The next page (`cursor`), null on the last.' })),
  },
  { $id: 'SlaPolicyPreview', title: 'SlaPolicyPreview', additionalProperties: false },
);
export type ApiSlaPolicyPreview = Static<typeof SlaPolicyPreviewSchema>;
export type ApiSlaTicketPreview = Static<typeof SlaTicketPreviewSchema>;
export type ApiSlaMilestonePreview = Static<typeof SlaMilestonePreviewSchema>;

export const SlaPolicyApplySchema = Type.Object(
  {
    policy: Type.String(),
    version: Type.Integer(),
    scope: StringEnum(['new', 'open'] as const),
    recorded: Type.Boolean({ description: 'Whether this call recorded the version (false: it was known already; nothing changed for new tickets).' }),
    effectiveVersion: Type.Integer({ description: 'The version tickets created from now on get.' }),
    signalled: Type.Array(TicketId, { description: 'Open tickets of this page told to re-plan (`open`); each records a `replan` SLA event once.' }),
    notRunning: Type.Array(TicketId, { description: 'Open tickets whose SLA workflow has ended (every clock met): nothing to re-plan.' }),
    skipped: Type.Array(TicketId, { description: 'Open tickets whose targets are their own (a create\'s `sla` override, a Go caller\'s).' }),
    alreadyCurrent: Type.Integer({ minimum: 0, description: 'Open tickets whose SLA runs under this version already (their workflows re-planned).' }),
    nextCursor: Nullable(Type.String({ description: 'More open tickets to signal: repeat the call with this `cursor`. Null when this page was the last.' })),
  },
  { $id: 'SlaPolicyApply', title: 'SlaPolicyApply', additionalProperties: false },
);
export type ApiSlaPolicyApply = Static<typeof SlaPolicyApplySchema>;

/** The SLA policy response models, registered with `addSchema` and referenced by `$ref`. */
export const SLA_POLICY_MODELS = [SlaPolicySchema, SlaMilestonePreviewSchema, SlaTicketPreviewSchema, SlaPolicyPreviewSchema, SlaPolicyApplySchema];
