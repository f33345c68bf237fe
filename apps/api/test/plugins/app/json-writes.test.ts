import { expectProblem, fieldsOf, startApi, tokenFor, type TestApi } from '../../support';
import { send as sendAsIs } from '../edge-app';

let api: TestApi;
let admin: string;
beforeAll(async () => {
  api = await startApi({ label: 'api-json-writes' });
  admin = await tokenFor('Admin');
});
afterAll(() => api.close());

/**
 * `init` with an Admin's credentials added: a page's cross-site simple request cannot carry them (it
 * gets 401 first), but a script that has a token must meet the JSON-only rule all the same.
 */
const send = (base: string, path: string, init: RequestInit) =>
  sendAsIs(base, path, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${admin}` } });

const WRITES = ['/api/v1/tickets', '/api/v1/tickets/t-1/reopen', '/api/v1/tickets/t-1/assign', '/api/v1/notifications/n-1/read'];

/** What a page on any origin can send cross-site without a preflight (fetch no-cors, a form). */
const SIMPLE_REQUESTS: Array<[string, RequestInit]> = [
  ['no body, no content type', { method: 'POST' }],
  ['text/plain', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: '{"reason":"x"}' }],
  ['a form', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'reason=x' }],
  ['a multipart form', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: '--b\r\nContent-Disposition: form-data; name="reason"\r\n\r\nx\r\n--b--\r\n' }],
  ['a body without content type', { method: 'POST', body: new Uint8Array(Buffer.from('{"reason":"x"}')) }],
];

describe('changes sent as a CORS simple request', () => {
  it('are refused 401 before anything else when they carry no credentials, as a cross-site page sends them', async () => {
    for (const [, init] of SIMPLE_REQUESTS) for (const path of WRITES) expectProblem(await sendAsIs(api.url, path, init), 401, 'unauthorized');
  });

  it.each(SIMPLE_REQUESTS)('are refused with 415 unsupported_media_type: %s', async (_what, init) => {
    for (const path of WRITES) expectProblem(await send(api.url, path, init), 415, 'unsupported_media_type');
  });
});

describe('changes with Content-Type: application/json', () => {
  const json = (body = '') => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('take an empty body as {} where no field is required: reopen and mark read reach their route', async () => {
    expectProblem(await send(api.url, '/api/v1/tickets/no-such-ticket/reopen', json()), 404, 'ticket_not_found');
    expectProblem(await send(api.url, '/api/v1/notifications/no-such-notification/read', json()), 404, 'notification_not_found');
    expectProblem(await send(api.url, '/api/v1/tickets/no-such-ticket/reopen', { ...json(), headers: { 'content-type': 'application/json; charset=utf-8' } }), 404, 'ticket_not_found');
  });

  it('still answer an empty body 400 malformed_json where fields are required', async () => {
    expectProblem(await send(api.url, '/api/v1/tickets', json()), 400, 'malformed_json');
    expectProblem(await send(api.url, '/api/v1/tickets/t-1/assign', json()), 400, 'malformed_json');
  });

  it('refuse a field where none is taken', async () => {
    const response = await send(api.url, '/api/v1/notifications/n-1/read', json('{"readAt":"2030-01-01T00:00:00Z"}'));
    expect(fieldsOf(response)).toEqual(['body.readAt']);
  });

  it('are what the document asks for: every change has a required JSON body', () => {
    const document = api.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { required?: boolean; content: object } }>> };
    const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).filter(([method]) => method !== 'get').map(([method, operation]) => ({ where: `${method} ${path}`, body: operation.requestBody })),
    );
    expect(writes.length).toBeGreaterThanOrEqual(8);
    for (const { where, body } of writes) expect({ where, required: body?.required, types: Object.keys(body?.content ?? {}) }).toEqual({ where, required: true, types: ['application/json'] });
  });
});
