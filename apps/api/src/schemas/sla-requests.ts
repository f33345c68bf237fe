import { MAX_DURATION_ISO } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { ChangeMeta } from './common';

const IsoDuration = (what: string) =>
  Type.String({
    minLength: 2,
    maxLength: 64,
    description:
      `${what}: an ISO 8601 duration of business time (PT30M, PT4H, P1D = 24 hours, P1DT2H); no years or months; ` +
      `at most ${MAX_DURATION_ISO} (a longer one is a 400 \`invalid_duration\`).`,
    examples: ['PT4H'],
  });

/** The `sla` of a create: replaces the policy's targets for this ticket, on the 24x7 calendar. */
export const SlaOverrideBody = Type.Object(
  {
    firstResponseTime: Type.Optional(IsoDuration('Target of the first response')),
    resolutionTime: Type.Optional(IsoDuration('Target of the resolution')),
    updateTime: Type.Optional(IsoDuration('Target between agent updates')),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description:
      "Overrides the SLA policy's targets for this ticket (the policy chosen by priority and queue still gives the warnings, " +
      'managers and escalation ladder); the clocks then run 24x7. Milestones left out get no clock.',
    examples: [{ firstResponseTime: 'PT4H', resolutionTime: 'P1D' }],
  },
);
export type SlaOverrideInput = Static<typeof SlaOverrideBody>;

/** Body of POST /tickets/{id}/responses: an agent answered the customer. */
export const ResponseBody = Type.Object(
  {
    agentId: Type.String({ minLength: 1, maxLength: 128, pattern: '\\S', description: 'The agent who responded.' }),
    ...ChangeMeta,
  },
  { additionalProperties: false },
);
export type ResponseInput = Static<typeof ResponseBody>;
