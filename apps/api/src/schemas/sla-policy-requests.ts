import { ESCALATION_CONDITIONS, MAX_DURATION_ISO } from '@gotrs/contracts';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Cursor, Identifier, NonBlankText, StringEnum } from './common';

const IsoDuration = (what: string) =>
  NonBlankText({
    maxLength: 64,
    description: `${what}: an ISO 8601 duration of business time (PT30M, PT4H, P1D = 24 hours); at most ${MAX_DURATION_ISO}.`,
    examples: ['PT4H'],
  });

const Statuses = Type.Array(NonBlankText({ maxLength: 64 }), { maxItems: 20, description: 'Status names or status types (`pending`).' });
const People = Type.Array(NonBlankText({ maxLength: 128 }), { maxItems: 50, description: 'People-directory IDs or addresses.' });
const byMilestone = <T extends TSchema>(schema: T) => ({ FirstResponse: Type.Optional(schema), Resolution: Type.Optional(schema), Update: Type.Optional(schema) });

const Rung = Type.Object(
  {
    level: Type.Integer({ minimum: 1, maximum: 100 }),
    wait: IsoDuration('Wait after this level'),
    condition: StringEnum(ESCALATION_CONDITIONS),
    assign_queue: Type.Optional(NonBlankText({ maxLength: 128 })),
    assign_agent: Type.Optional(NonBlankText({ maxLength: 128 })),
    raise_priority_to: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    notify: Type.Optional(People),
  },
  { additionalProperties: false },
);

/** The fields of a policy as config/sla.yaml writes them; with only `version`, the body names a known version instead. */
const policyFields = {
  version: Type.Integer({
    minimum: 1,
    maximum: 2_147_483_647,
    description:
      'The version. Alone (`{"version": 2}`), it names a version known already: config/sla.yaml\'s or one applied earlier. With the ' +
      'other fields, it is the version they define.',
  }),
  calendar: Type.Optional(Identifier({ description: 'A calendar of config/sla.yaml by name (`24x7` is built in). Required with a definition.' })),
  targets: Type.Optional(
    Type.Object(byMilestone(IsoDuration('Target')), {
      additionalProperties: false,
      minProperties: 1,
      description: 'Required with a definition: at least one milestone. Milestones left out get no clock.',
    }),
  ),
  pause_on: Type.Optional(Type.Object(byMilestone(Statuses), { additionalProperties: false, description: 'Default: pending pauses Resolution and Update.' })),
  warn: Type.Optional(
    Type.Object(
      { percent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })), lead: Type.Optional(IsoDuration('Warning lead before the due time')) },
      { additionalProperties: false, description: 'Default: at 80% of the target.' },
    ),
  ),
  managers: Type.Optional(People),
  escalation: Type.Optional(Type.Array(Rung, { maxItems: 20 })),
};

export const SlaPolicyVersionRequest = Type.Object(policyFields, {
  $id: 'PreviewSlaPolicyRequest',
  title: 'PreviewSlaPolicyRequest',
  additionalProperties: false,
  description:
    'A version of the policy, written as in config/sla.yaml (snake_case, ISO 8601 durations, the calendar by name), or `{"version": N}` alone ' +
    'for a version known already.',
  examples: [{ version: 2, calendar: 'business-hours', targets: { FirstResponse: 'PT2H', Resolution: 'P1D' }, warn: { percent: 75 } }, { version: 2 }],
});
export type SlaPolicyVersionInput = Static<typeof SlaPolicyVersionRequest>;

export const APPLY_SCOPES = ['new', 'open'] as const;

export const ApplySlaPolicyRequest = Type.Object(
  {
    scope: StringEnum(APPLY_SCOPES, {
      description:
        '`new`: tickets created from now on get this version, open ones keep theirs. `open`: that, and every open ticket on the policy ' +
        're-plans under it now (elapsed business time and paused time kept).',
    }),
    ...policyFields,
  },
  {
    $id: 'ApplySlaPolicyRequest',
    title: 'ApplySlaPolicyRequest',
    additionalProperties: false,
    examples: [{ scope: 'open', version: 2, calendar: '24x7', targets: { FirstResponse: 'PT1H', Resolution: 'PT8H' } }, { scope: 'new', version: 2 }],
  },
);
export type ApplySlaPolicyInput = Static<typeof ApplySlaPolicyRequest>;

export const PolicyNameParams = Type.Object({ name: Identifier({ description: 'A policy of config/sla.yaml by name (`standard`, say).', examples: ['no-such-policy'] }) });

export const PolicyPageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50, description: 'Tickets per page.' })),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
