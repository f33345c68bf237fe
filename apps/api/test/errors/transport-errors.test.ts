import { expectProblem, rawRequest, startApi, type TestApi } from '../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-transport' });
});
afterAll(() => api.close());

const raw = (requestLine: string, headers: string[] = []) =>
  rawRequest(api.url, `${requestLine} HTTP/1.1\r\nHost: localhost\r\n${[...headers, 'Connection: close'].join('\r\n')}\r\n\r\n`);

/** The problem in a raw answer: status, content type and code. */
function problemOf(response: { statusCode: number; headers: Record<string, string>; body: string }) {
  return { status: response.statusCode, type: response.headers['content-type'], code: JSON.parse(response.body).code };
}

describe('requests Node or the router refuse before any route', () => {
  it('answers a NUL in a header with a 400 problem', async () => {
    const response = await raw('GET /api/v1/tickets/abc', ['Idempotency-Key: a\u0000b']);
    expect(problemOf(response)).toEqual({ status: 400, type: 'application/problem+json', code: 'bad_request' });
  });

  it('answers a method Node does not know with a 400 problem', async () => {
    expect(problemOf(await raw('BREW /api/v1/tickets'))).toEqual({ status: 400, type: 'application/problem+json', code: 'bad_request' });
  });

  it('answers headers over 16 KiB with a 431 problem', async () => {
    const response = await raw('GET /api/v1/tickets/abc', [`X-Padding: ${'x'.repeat(17_000)}`]);
    expect(problemOf(response)).toEqual({ status: 431, type: 'application/problem+json', code: 'headers_too_large' });
  });

  it('answers a malformed percent-encoding in the path with a 400 problem', async () => {
    expectProblem(await api.request({ url: '/api/v1/tickets/a%ZZb' }), 400, 'bad_request');
  });
});

describe('path parameters', () => {
  it('takes a ticket ID of 101 to 128 characters, as the schema says (no 414)', async () => {
    for (const length of [101, 128]) {
      expectProblem(await api.request({ url: `/api/v1/tickets/${'a'.repeat(length)}` }), 404, 'ticket_not_found');
    }
  });

  it('answers a longer one with a 400 naming params.id', async () => {
    for (const length of [129, 5000]) {
      const body = expectProblem(await api.request({ url: `/api/v1/tickets/${'a'.repeat(length)}/history` }), 400, 'validation_failed');
      expect(body.errors).toEqual([{ field: 'params.id', message: 'must NOT have more than 128 characters' }]);
    }
  });
});
