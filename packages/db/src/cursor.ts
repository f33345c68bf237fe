/** Opaque pagination cursors: base64url JSON, so clients treat them as strings. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Raised for a cursor this service did not issue. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
  constructor() {
    super('cursor is not one this service issued');
  }
}

/** Decodes a cursor and checks its shape with `guard`. */
export function decodeCursor<T>(cursor: string, guard: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!guard(value)) throw new InvalidCursorError();
  return value;
}
