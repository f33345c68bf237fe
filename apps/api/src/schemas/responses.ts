import { Type, type TSchema } from '@sinclair/typebox';
import type { Problem } from './problem';

/** `$ref` to a shared model registered with `addSchema`, typed as the model. */
export function Ref<T>(id: string) {
  return Type.Unsafe<T>(Type.Ref(id));
}

const ProblemRef = Ref<Problem>('Problem');

const LOCATION = { location: { type: 'string', description: 'URL of the ticket.' } };
const RETRY_AFTER = { 'retry-after': { type: 'integer', description: 'Seconds to wait before retrying.' } };

type Headers = Record<string, { type: string; description: string }>;

/** A JSON response (optionally with documented headers). */
export function json<T extends TSchema>(schema: T, description: string, headers?: Headers) {
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema } } };
}

/** A JSON response carrying a Location header (201, 202). */
export function jsonWithLocation<T extends TSchema>(schema: T, description: string) {
  return json(schema, description, LOCATION);
}

/** An application/problem+json response; 503s also document Retry-After. */
export function problem(status: number, description: string) {
  return {
    description,
    ...(status === 503 ? { headers: RETRY_AFTER } : {}),
    content: { 'application/problem+json': { schema: ProblemRef } },
  };
}

/** Problem responses every route can give: an unexpected failure. */
export const INTERNAL = { 500: problem(500, 'Unexpected failure (`internal_error`).') };

/**
 * What every API route can answer whatever it does (added by the route-conventions plugin where a
 * route does not describe them itself): a request its schemas refuse, an unexpected failure.
 */
export const EDGE_RESPONSES = {
  400: problem(400, 'A parameter, header or body the schemas refuse, an unknown parameter or field (`validation_failed`), or a malformed URL (`bad_request`).'),
  ...INTERNAL,
};

/** What every API route whose method carries a body can answer besides (Fastify reads a POST's body before routing it to a handler). */
export const BODY_RESPONSES = {
  413: problem(413, 'Body larger than 1 MiB (`payload_too_large`).'),
  415: problem(415, 'Not `application/json` (`unsupported_media_type`).'),
};

/** Responses of a change sent to the ticket's workflow (assign, status, reopen). */
export function changeResponses(badRequest: string, conflict: string) {
  return {
    200: json(Ref<import('./ticket').ApiTicket>('Ticket'), 'The ticket once the workflow applied the change.'),
    400: problem(400, badRequest),
    404: problem(404, 'No such ticket (`ticket_not_found`).'),
    409: problem(409, conflict),
    503: problem(
      503,
      'Temporal is unavailable (`temporal_unavailable`), the workflow did not answer in time (`workflow_unavailable`: ' +
        'no worker; the change may still apply later and repeating it is safe) or PostgreSQL is unavailable (`database_unavailable`).',
    ),
  };
}
