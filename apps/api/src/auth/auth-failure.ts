import { ApiError } from '../errors/api-error';

/** RFC 6750's error attribute of a Bearer challenge. */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

const REALM = 'gotrs-api';

/** RFC 6750 allows %x20-21 / %x23-5B / %x5D-7E in quoted attributes: no quote, backslash or control. */
function quoted(value: string): string {
  return `"${value.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, ' ').slice(0, 200)}"`;
}

/** A `WWW-Authenticate` value: `Bearer realm="gotrs-api", error="invalid_token", error_description="..."`. */
export function bearerChallenge(attributes: { error?: BearerError; description?: string; scope?: string } = {}): string {
  const parts = [`realm=${quoted(REALM)}`];
  if (attributes.error) parts.push(`error=${quoted(attributes.error)}`);
  if (attributes.description) parts.push(`error_description=${quoted(attributes.description)}`);
  if (attributes.scope) parts.push(`scope=${quoted(attributes.scope)}`);
  return `Bearer ${parts.join(', ')}`;
}

/**
 * A refused credential: a problem like any other, plus the `WWW-Authenticate` challenge that the
 * identity plugin's onError hook puts on the answer.
 */
export class AuthFailure extends ApiError {
  override name = 'AuthFailure';

  constructor(
    code: 'unauthorized' | 'invalid_token' | 'insufficient_scope',
    detail: string,
    readonly challenge: string,
  ) {
    super(code, detail);
  }
}

/** No Authorization header at all. */
export function missingCredentials(): AuthFailure {
  return new AuthFailure('unauthorized', 'credentials are required: send Authorization: Bearer <GOTRS token or API key>', bearerChallenge());
}

/** An Authorization header that is not `Bearer <token>`. */
export function malformedCredentials(why: string): AuthFailure {
  return new AuthFailure('unauthorized', why, bearerChallenge({ error: 'invalid_request', description: why }));
}

/** A token or API key that was presented and refused. */
export function invalidToken(why: string): AuthFailure {
  return new AuthFailure('invalid_token', why, bearerChallenge({ error: 'invalid_token', description: why }));
}
