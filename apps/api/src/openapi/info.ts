/** The OpenAPI document's fixed parts: what a reader of /docs sees first. */
export const OPENAPI_INFO = {
  title: 'GOTRS Workflow Gateway API',
  version: '1.0.0',
  description: [
    'REST API of the GOTRS Workflow Gateway: tickets whose life runs as durable Temporal workflows',
    '(`TicketLifecycleWorkflow`, workflow ID `ticket-{id}`) and whose rows live in PostgreSQL.',
    '',
    '- Every `/api/v1` operation needs `Authorization: Bearer <GOTRS access token or API key>` (401 without; 403 for a role',
    '  or key scope that may not; each operation says who may call it). The caller is the actor recorded in history.',
    '- Changes (assign, status, reopen) are workflow Updates: the answer is the ticket after the workflow applied the change,',
    '  or a 409/400 problem when the change is not allowed (nothing is changed then).',
    '- Errors are `application/problem+json` (RFC 9457) with a stable `code`; validation errors list each field in `errors`.',
    '- 503 answers carry `Retry-After`. A change that got `workflow_unavailable` may still be applied once the worker is back;',
    '  repeating it is safe (the same assignee or status again is a no-op).',
    '- `X-Request-Id` is honoured when sent and always echoed back; it is in every log line and in problem bodies.',
    '- Requests are checked at the edge: unknown body fields and query parameters are refused (400 naming them), as is text',
    '  PostgreSQL cannot store (NUL, unpaired UTF-16 surrogates). Bodies are `application/json` (else 415) of at most 1 MiB (else 413).',
    '- A method a path does not take answers 405 `method_not_allowed` with an `Allow` header; an unknown path 404 `route_not_found`.',
    '  A request that is not valid HTTP (a NUL in a header, say) answers 400 `bad_request`, headers over 16 KiB 431 `headers_too_large`.',
  ].join('\n'),
  license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
};

/** The first is the server that serves the document (Swagger UI's "Try it out"); the second is `make dev`'s. */
export const OPENAPI_SERVERS = [
  { url: '/', description: 'The server this document was fetched from.' },
  { url: 'http://localhost:3000', description: 'Local development (`make dev`, API_PORT 3000).' },
];

export const OPENAPI_TAGS = [
  { name: 'Tickets', description: 'Ticket lifecycle: create, read, list, history, assign, status, reopen.' },
  { name: 'Notifications', description: 'Ad-hoc notifications, delivery records and the in-app inbox.' },
  { name: 'Events', description: 'The live event stream (Server-Sent Events) of ticket, SLA, escalation and notification changes.' },
  { name: 'SLA policies', description: 'Preview and apply new versions of SLA policies to new or open tickets (Admins, or the `sla:admin` scope).' },
  { name: 'Webhooks', description: 'Webhook subscriptions: events of the event log POSTed to a URL, signed as Standard Webhooks, with a delivery log.' },
  { name: 'API keys', description: 'API keys for scripts and integrations (Admins only; also `npm run api-key`).' },
  { name: 'Health', description: 'Liveness and readiness probes.' },
];
