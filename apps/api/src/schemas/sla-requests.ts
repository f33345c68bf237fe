import { MAX_DURATION_ISO } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { ChangeMeta, NonBlankText, Text } from './common';

const IsoDuration = (what: string) =>
  Text({
    minLength: 2,
    maxLength: 64,
    description:
      `${what}: an ISO 8601 duration of business time (PT30M, PT4H, P1D = 24 hours, P1DT2H); no years or months; ` +
      `at most ${MAX_DURATION_ISO} (a longer one is a 400 \`invalid_duration\`).`,
    examples: ['PT4H'],
  });

/** The `sla` of a create: replaces the policy's targets for this ticket, on the 24x7 calendar. */
export const SlaOverride = Type.Object(
  {
    firstResponseTime: Type.Optional(IsoDuration('Target of the first response')),
    resolutionTime: Type.Optional(IsoDuration('Target of the resolution')),
    updateTime: Type.Optional(IsoDuration('Target between agent updates')),
  },
  {
    $id: 'SlaOverride',
    title: 'SlaOverride',
    additionalProperties: false,
    minProperties: 1,
    description:
      "Overrides the SLA policy's targets for this ticket (the policy chosen by priority and queue still gives the warnings, " +
      'managers and escalation ladder); the clocks then run 24x7. Milestones left out get no clock.',
    examples: [{ firstResponseTime: 'PT4H', resolutionTime: 'P1D' }],
  },
);
export type SlaOverrideInput = Static<typeof SlaOverride>;

/** Body of POST /tickets/{id}/responses: an agent answered the customer. */
export const RecordTicketResponseRequest = Type.Object(
  {
    agentId: Type.Optional(
      NonBlankText({
        maxLength: 128,
        description:
          'The agent who responded. A person records their own responses: leave it out (their directory ID, else their email) or ' +
          'name themselves; another agent is 403. An API key must name the agent and needs `actor:impersonate`.',
      }),
    ),
    ...ChangeMeta,
  },
  { $id: 'RecordTicketResponseRequest', title: 'RecordTicketResponseRequest', additionalProperties: false },
);
export type ResponseInput = Static<typeof RecordTicketResponseRequest>;

/** The SLA request models, registered with `addSchema`. */
export const SLA_REQUEST_MODELS = [SlaOverride, RecordTicketResponseRequest];
