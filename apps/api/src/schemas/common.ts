import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** A string with a fixed set of values, as a plain JSON Schema `enum` (clearer errors than anyOf). */
export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** `schema` or null, as OpenAPI 3.1 writes it: `type: [..., "null"]`. */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
}

/** Ticket IDs: UUIDs from the API, or whatever safe identifier a Go caller started a workflow with. */
export const TicketId = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$',
  description: 'Ticket ID (a UUID for tickets created over REST); the workflow ID is `ticket-{id}`.',
  examples: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
});

export const IdParams = Type.Object({ id: TicketId });

export const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date-time with a time zone' });

export const Actor = Type.String({ minLength: 1, maxLength: 128, description: 'Who asks for the change (agent or user ID); `api` when absent.' });

export const Reason = Type.String({ maxLength: 2000, description: 'Why; recorded in the ticket history.' });

/** `actor` and `reason`, accepted by every change. */
export const ChangeMeta = {
  actor: Type.Optional(Actor),
  reason: Type.Optional(Reason),
};

export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size.' });

export const Cursor = Type.String({
  minLength: 1,
  maxLength: 512,
  description: 'Opaque cursor: the `nextCursor` of the previous page.',
});

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Makes a retried create safe: the same key always answers with the same ticket (the ticket ID is derived from it); ' +
        'reusing a key with a different body answers 422.',
    }),
  ),
});
