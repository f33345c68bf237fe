/** The OpenAPI document's fixed parts: what a reader of /docs sees first. */
export const OPENAPI_INFO = {
  title: 'GOTRS Workflow Gateway API',
  version: '1.0.0',
  description: [
    'REST API of the GOTRS Workflow Gateway: tickets whose life runs as durable Temporal workflows',
    '(`TicketLifecycleWorkflow`, workflow ID `ticket-{id}`) and whose rows live in PostgreSQL.',
    '',
    '- Changes (assign, status, reopen) are workflow Updates: the answer is the ticket after the workflow applied the change,',
    '  or a 409/400 problem when the change is not allowed (nothing is changed then).',
    '- Errors are `application/problem+json` (RFC 9457) with a stable `code`; validation errors list each field in `errors`.',
    '- 503 answers carry `Retry-After`. A change that got `workflow_unavailable` may still be applied once the worker is back;',
    '  repeating it is safe (the same assignee or status again is a no-op).',
    '- `X-Request-Id` is honoured when sent and always echoed back; it is in every log line and in problem bodies.',
  ].join('\n'),
  license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
};

export const OPENAPI_TAGS = [
  { name: 'Tickets', description: 'Ticket lifecycle: create, read, list, history, assign, status, reopen.' },
  { name: 'Notifications', description: 'Ad-hoc notifications, delivery records and the in-app inbox.' },
  { name: 'Health', description: 'Liveness and readiness probes.' },
];
