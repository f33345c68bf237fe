import { bearerToken } from '../../src/auth/bearer';
import { type ApiError } from '../../src/errors/api-error';

function refusal(header: string | undefined): { code: string; detail: string; challenge: string } {
  try {
    bearerToken(header);
  } catch (error) {
    const e = error as ApiError & { challenge: string };
    return { code: e.code, detail: e.detail, challenge: e.challenge };
  }
  throw new Error('accepted');
}

describe('bearerToken', () => {
  it('takes the token of `Bearer <token>`, the scheme in any case', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer gotrs_x-y_z')).toBe('gotrs_x-y_z');
    expect(bearerToken('BEARER  a+b/c==')).toBe('a+b/c==');
  });

  it('answers a missing header with a bare challenge (RFC 6750: no error code)', () => {
    for (const header of [undefined, '', '   ']) {
      expect(refusal(header)).toEqual({ code: 'unauthorized', detail: expect.stringContaining('credentials are required'), challenge: 'Bearer realm="gotrs-api"' });
    }
  });

  it('refuses another scheme, naming it but never echoing the credentials', () => {
    expect(refusal('Basic dXNlcjpwYXNz')).toMatchObject({ code: 'unauthorized', detail: 'use the Bearer scheme: Authorization: Bearer <token> (got "Basic")' });
    // Quotes cannot appear inside a quoted challenge attribute: they become spaces there.
    expect(refusal('Token abc').challenge).toBe(
      'Bearer realm="gotrs-api", error="invalid_request", error_description="use the Bearer scheme: Authorization: Bearer <token> (got  Token )"',
    );
  });

  it('refuses a token without the scheme, an empty bearer and a bearer with spaces in its token', () => {
    expect(refusal('abc.def.ghi').detail).toContain('use the Bearer scheme');
    expect(refusal('Bearer').detail).toBe('the bearer token is empty');
    expect(refusal('Bearer    ').detail).toBe('the bearer token is empty');
    expect(refusal('Bearer a b').detail).toBe('the bearer token has characters no token has');
    expect(refusal('Bearer "abc"').detail).toBe('the bearer token has characters no token has');
  });

  it('refuses a 10 kB token unread', () => {
    expect(refusal(`Bearer ${'a'.repeat(10_000)}`)).toMatchObject({ code: 'unauthorized', detail: 'credentials longer than 8192 characters are not accepted' });
  });
});
