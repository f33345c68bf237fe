import { MILESTONES } from '@gotrs/contracts';
import { SLA_REPORT_GROUPS, type SlaReportRow } from '@gotrs/db';
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, StringEnum } from './common';
import { RefTo } from './model';

/** The longest range a report may cover, in days (a leap year). */
export const MAX_REPORT_DAYS = 366;
/** The range when `from` is left out: this many days before `to`. */
export const DEFAULT_REPORT_DAYS = 30;

const GroupBy = StringEnum(SLA_REPORT_GROUPS, {
  default: 'queue',
  description:
    "What the rows are grouped by: the ticket's `queue`, `priority` (1..5) or `assignee` as they are now, or the SLA's `policy` " +
    'or `calendar` as the ticket started with them.',
});

const range = {
  from: Type.Optional(Type.String({
    format: 'date-time',
    description: `Cycles whose clock started at or after this instant. Default: ${DEFAULT_REPORT_DAYS} days before \`to\`.`,
  })),
  to: Type.Optional(Type.String({ format: 'date-time', description: `Cycles whose clock started before this instant (exclusive). Default: now. At most ${MAX_REPORT_DAYS} days after \`from\`.` })),
  groupBy: Type.Optional(GroupBy),
};

export const SlaReportQuery = Type.Object(
  {
    ...range,
    format: Type.Optional(StringEnum(['json', 'csv'] as const, { description: 'The answer\'s format; without it, the `Accept` header decides (`text/csv`, else JSON).' })),
  },
  { additionalProperties: false },
);
export type SlaReportQueryInput = Static<typeof SlaReportQuery>;

export const SlaReportPageQuery = Type.Object(range, { additionalProperties: false });
export type SlaReportPageQueryInput = Static<typeof SlaReportPageQuery>;

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Seconds = (description: string) => Nullable(Type.Number({ minimum: 0, description }));

export const SlaReportRowSchema = Type.Object(
  {
    group: Nullable(Type.String({ description: 'The group\'s value (a priority as text); null for tickets without one (unassigned, say).' })),
    milestone: StringEnum(MILESTONES),
    tickets: Count('Distinct tickets with a cycle of this milestone in the range.'),
    met: Count('Cycles met without a breach (a close that ends a cycle meets it).'),
    breached: Count('Cycles breached, whether met afterwards or not.'),
    running: Count('Cycles neither met nor breached yet: running, warned or paused.'),
    compliance: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'met / (met + breached); null when both are 0.' })),
    medianSecondsToMeet: Seconds('Median business time from the cycle\'s start to its meet, paused time left out, over the met cycles (percentile_cont).'),
    p90SecondsToMeet: Seconds('90th percentile of the same (percentile_cont, interpolated).'),
    medianSecondsLate: Seconds('Median business time past the target at the meet, over the breached cycles met since.'),
  },
  { $id: 'SlaReportRow', title: 'SlaReportRow', additionalProperties: false },
);

export const SlaReportSchema = Type.Object(
  {
    from: DateTime,
    to: DateTime,
    groupBy: GroupBy,
    rows: Type.Array(RefTo(SlaReportRowSchema), { description: 'Per group (in code point order, nulls last) and milestone (FirstResponse, Resolution, Update).' }),
  },
  { $id: 'SlaReport', title: 'SlaReport', additionalProperties: false },
);

/** `GET /reports/sla` as JSON. */
export interface ApiSlaReport {
  from: string;
  to: string;
  groupBy: (typeof SLA_REPORT_GROUPS)[number];
  rows: Array<Omit<SlaReportRow, 'week'>>;
}

export const SLA_REPORT_MODELS = [SlaReportRowSchema, SlaReportSchema];
