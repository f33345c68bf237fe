import { randomUUID } from 'node:crypto';
import { freePort } from '@gotrs/devstack';
import { eventually, expectProblem, startStack, type Stack } from './support';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-notifications' });
  // Seconds, not the seed's minute-long back-off, so that the fallback path finishes quickly.
  stack.api.config.workflows.retryPolicy = { initialIntervalMs: 100, backoffCoefficient: 2, maximumIntervalMs: 400, maximumAttempts: 5 };
  await stack.startWorker();
}, 60_000);
afterAll(() => stack?.close());

const post = (url: string, payload?: unknown, headers: Record<string, string> = {}) => stack.api.request({ method: 'POST', url, payload, headers });
const get = (url: string) => stack.api.request({ url });

async function settled(url: string) {
  return eventually(async () => {
    const record = (await get(url)).json();
    return record.completedAt ? record : undefined;
  });
}

describe('an ad-hoc notification over HTTP, with the real worker', () => {
  it('is emailed once with its stable Message-ID, and its record says sent', async () => {
    const key = `e2e-${randomUUID()}`;
    const accepted = await post('/api/v1/notifications', { recipient: 'alice', subject: 'Your printer', body: 'It is fixed.' }, { 'idempotency-key': key });
    expect(accepted.statusCode).toBe(202);
    const { id } = accepted.json();
    const record = await settled(accepted.headers.location!);
    expect(record).toMatchObject({
      id, status: 'sent', channel: 'email', address: 'alice@example.com', messageId: `<notification-${id}@gotrs.local>`,
      attempts: [expect.objectContaining({ channel: 'email', attempt: 1, outcome: 'sent' })],
    });
    const retried = await post('/api/v1/notifications', { recipient: 'alice', subject: 'Your printer', body: 'It is fixed.' }, { 'idempotency-key': key });
    expect(retried.json()).toMatchObject({ id, status: 'sent' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const copies = stack.smtp.withMessageId(`<notification-${id}@gotrs.local>`);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ to: ['alice@example.com'], subject: 'Your printer', text: expect.stringContaining('It is fixed.') });
  });

  it('lands in the in-app inbox when email fails, and can be marked read', async () => {
    const recipient = `agent-${randomUUID()}`; // not in the directory: no address, so email fails for good
    const accepted = await post('/api/v1/notifications', { recipient: `${recipient}`, subject: 'Shift swap', body: 'Can you take Friday?' });
    const record = await settled(accepted.headers.location!);
    expect(record).toMatchObject({ status: 'fallback', channel: 'in-app', error: expect.stringContaining('no email address') });
    const inbox = (await get(`/api/v1/notifications?recipient=${recipient}&unread=true`)).json();
    expect(inbox.items.map((n: { id: string }) => n.id)).toEqual([record.id]);
    expect((await post(`/api/v1/notifications/${record.id}/read`)).json()).toMatchObject({ readAt: expect.any(String) });
    expect((await get(`/api/v1/notifications?recipient=${recipient}&unread=true`)).json().items).toEqual([]);
  });

  it('falls back to in-app after the retries when the SMTP server is down', async () => {
    const smtp = stack.api.config.notifications.smtp;
    const port = smtp.port;
    await stack.stopWorker();
    smtp.port = await freePort();
    await stack.startWorker();
    try {
      const accepted = await post('/api/v1/notifications', { recipient: 'agent-3', subject: 'SMTP is down', body: 'Still reaches you.' });
      const record = await settled(accepted.headers.location!);
      expect(record).toMatchObject({ status: 'fallback', channel: 'in-app', emailSentAt: null, inAppAt: expect.any(String), error: expect.stringMatching(/ECONNREFUSED|ECONNECTION/) });
      expect(record.attempts.filter((a: { outcome: string }) => a.outcome === 'failed')).toHaveLength(5);
    } finally {
      await stack.stopWorker();
      smtp.port = port;
      await stack.startWorker();
    }
  }, 30_000);

  it('answers 400 for an unknown channel and 404 for an unknown notification', async () => {
    expectProblem(await post('/api/v1/notifications', { recipient: 'alice', channel: 'fax', subject: 'S', body: 'B' }), 400, 'validation_failed');
    expectProblem(await get(`/api/v1/notifications/${randomUUID()}`), 404, 'notification_not_found');
  });
});
