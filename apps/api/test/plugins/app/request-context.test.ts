import { Writable } from 'node:stream';
import pino from 'pino';
import { startApi, type TestApi } from '../../support';

const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-logs', logger: pino({ level: 'info' }, sink) });
});
afterAll(() => api.close());

describe('request context', () => {
  it('echoes an incoming X-Request-Id', async () => {
    const response = await api.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers['x-request-id']).toBe('abc-123');
  });

  it('replaces an unusable X-Request-Id with a fresh one', async () => {
    const response = await api.request({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs the request ID and the workflow ID on every line of a ticket request', async () => {
    await api.request({ method: 'GET', url: '/api/v1/tickets/log-probe-1', headers: { 'x-request-id': 'log-probe' } });
    const mine = lines.filter((line) => line.requestId === 'log-probe');
    expect(mine.map((line) => line.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    const completed = mine.find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({ workflowId: 'ticket-log-probe-1', res: { statusCode: 404 } });
  });
});
