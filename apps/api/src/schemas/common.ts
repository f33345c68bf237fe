import { STORABLE_NOT_BLANK_PATTERN, STORABLE_TEXT_PATTERN } from '@gotrs/contracts';
import { Type, type Static, type StringOptions, type TSchema, type TString, type TUnsafe } from '@sinclair/typebox';

/** A string with a fixed set of values, as a plain JSON Schema `enum` (clearer errors than anyOf). */
export function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** `schema` or null, as OpenAPI 3.1 writes it: `type: [..., "null"]`. */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type, ...rest } = schema as unknown as { type: string };
  return Type.Unsafe<Static<T> | null>({ ...rest, type: [type, 'null'] });
}

type TextOptions = Omit<StringOptions, 'pattern' | 'format'>;

/**
 * Free text: any string PostgreSQL can store, so no NUL (U+0000) and no unpaired surrogate. Every
 * free-text field of a request is one of these, so the rule is in the OpenAPI document too.
 */
export function Text(options: TextOptions = {}): TString {
  return Type.String({ ...options, pattern: STORABLE_TEXT_PATTERN });
}

/** Free text that is not blank (at least one character that is not white space). */
export function NonBlankText(options: TextOptions = {}): TString {
  return Type.String({ minLength: 1, ...options, pattern: STORABLE_NOT_BLANK_PATTERN });
}

/** Identifiers that become part of a workflow ID: ASCII letters, digits and `._:-`. */
export const IDENTIFIER_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]*$';

/** An identifier of at most 128 characters. */
export function Identifier(options: TextOptions = {}): TString {
  return Type.String({ minLength: 1, maxLength: 128, ...options, pattern: IDENTIFIER_PATTERN });
}

/** API key names: ASCII letters, digits and `._-`, starting with a letter or digit. */
export const KEY_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

/** Printable ASCII without spaces: header tokens such as an Idempotency-Key. */
export const TOKEN_PATTERN = '^[\\x21-\\x7E]+$';

/** Event names: `ticket.created`, `ad-hoc`. */
export const EVENT_NAME_PATTERN = '^[a-z][a-z0-9._-]*$';

/**
 * What a value that misses each request pattern must be, in words: validation errors say this
 * instead of the pattern itself (the storable-text patterns are explained by `unstorableReason`).
 */
export const PATTERN_MESSAGES: Readonly<Record<string, string>> = {
  [STORABLE_TEXT_PATTERN]: 'must not contain the NUL character or an unpaired UTF-16 surrogate',
  [STORABLE_NOT_BLANK_PATTERN]: 'must not be blank',
  [IDENTIFIER_PATTERN]: 'must start with a letter or digit and hold only letters, digits, ".", "_", ":" and "-"',
  [TOKEN_PATTERN]: 'must be printable ASCII without spaces',
  [KEY_NAME_PATTERN]: 'must start with a letter or digit and hold only letters, digits, ".", "_" and "-"',
  [EVENT_NAME_PATTERN]: 'must start with a lowercase letter and hold only a-z, 0-9, ".", "_" and "-"',
};

/** Ticket IDs: UUIDs from the API, or whatever safe identifier a Go caller started a workflow with. */
export const TicketId = Identifier({
  description: 'Ticket ID (a UUID for tickets created over REST); the workflow ID is `ticket-{id}`.',
  examples: ['0f8fad5b-d9cb-469f-a165-70867728950e'],
});

export const IdParams = Type.Object({ id: TicketId });

export const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 date-time with a time zone' });

export const Actor = Text({
  minLength: 1,
  maxLength: 128,
  description:
    'Who the change is recorded as. Leave it out: the caller is the actor (from their token or API key). A person may only ' +
    'repeat themselves (their email or user ID; anyone else is 403). An API key with `actor:impersonate` (GOTRS acting for one ' +
    'of its users) names the person, recorded as on their behalf; without that scope another name is 403 `insufficient_scope`.',
});

export const Reason = Text({ maxLength: 2000, description: 'Why; recorded in the ticket history.' });

/** `actor` and `reason`, accepted by every change. */
export const ChangeMeta = {
  actor: Type.Optional(Actor),
  reason: Type.Optional(Reason),
};

export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size.' });

export const Cursor = Text({
  minLength: 1,
  maxLength: 512,
  description: 'Opaque cursor: the `nextCursor` of the previous page.',
});

/** A query string that takes no parameters: an unknown one is refused rather than ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: TOKEN_PATTERN,
      description:
        'Makes a retried create safe: the same caller\'s same key always answers with the same ticket or notification (its ID is ' +
        'derived from the caller and the key, so another caller\'s equal key never meets it); reusing a key with a different body answers 422.',
    }),
  ),
});
