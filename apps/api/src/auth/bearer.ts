import { malformedCredentials, missingCredentials } from './auth-failure';

/** Longer credentials are refused unread: GOTRS tokens are well under 1 kB, identity providers' under 8. */
export const MAX_TOKEN_LENGTH = 8192;

// RFC 6750 b64token.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,31}$/;

/** The token of an `Authorization: Bearer <token>` header; an AuthFailure (401) for anything else. */
export function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === '') throw missingCredentials();
  const space = header.indexOf(' ');
  const scheme = space === -1 ? header : header.slice(0, space);
  const token = space === -1 ? '' : header.slice(space + 1).trim();
  if (scheme.toLowerCase() !== 'bearer') {
    const named = SCHEME.test(scheme) ? ` (got "${scheme}")` : '';
    throw malformedCredentials(`use the Bearer scheme: Authorization: Bearer <token>${named}`);
  }
  if (token === '') throw malformedCredentials('the bearer token is empty');
  if (token.length > MAX_TOKEN_LENGTH) throw malformedCredentials(`credentials longer than ${MAX_TOKEN_LENGTH} characters are not accepted`);
  if (!B64TOKEN.test(token)) throw malformedCredentials('the bearer token has characters no token has');
  return token;
}
