import { randomUUID } from 'node:crypto';
import { deliverInApp } from '@gotrs/db';
import type { NotificationRequest } from '@gotrs/contracts';
import { expectProblem, fieldsOf, startApi, type TestApi } from '../../../../support';

// No worker polls this test's task queue: notifications are accepted and stay queued.
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-notifications' });
});
afterAll(() => api.close());

const send = (payload: unknown, headers: Record<string, string> = {}) =>
  api.request({ method: 'POST', url: '/api/v1/notifications', payload, headers });

const adHoc = { recipient: 'agent-7', subject: 'Coffee machine', body: 'It is fixed.' };

/** An in-app notification as SendInAppNotificationActivity leaves it. */
async function inInbox(recipient: string, subject: string): Promise<string> {
  const request: NotificationRequest = { id: randomUUID(), ticketId: null, recipient, channel: 'in-app', subject, body: subject, event: 'ad-hoc' };
  await deliverInApp(api.pool, { request, recipientKey: recipient }, 1);
  return request.id;
}

describe('POST /api/v1/notifications', () => {
  it('answers 202 with the queued notification, its id and Location', async () => {
    const response = await send({ ...adHoc, channel: 'in-app', ticketId: 'ticket-1' });
    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body).toMatchObject({ id: expect.any(String), status: 'queued', requestedChannel: 'in-app', recipient: 'agent-7', ticketId: 'ticket-1', event: 'ad-hoc', attempts: [] });
    expect(response.headers.location).toBe(`/api/v1/notifications/${body.id}`);
    expect((await api.request({ url: response.headers.location! })).json()).toMatchObject({ id: body.id, status: 'queued', subject: 'Coffee machine' });
  });

  it('returns 400 naming body.channel for an unknown channel', async () => {
    const body = expectProblem(await send({ ...adHoc, channel: 'pigeon' }), 400, 'validation_failed');
    expect(body.errors).toEqual([{ field: 'body.channel', message: 'must be one of: "email", "in-app"' }]);
  });

  it('returns 400 naming body.recipient when the recipient is missing or blank', async () => {
    const { recipient: _r, ...rest } = adHoc;
    expect(fieldsOf(await send(rest))).toEqual(['body.recipient']);
    expect(fieldsOf(await send({ ...adHoc, recipient: '   ' }))).toEqual(['body.recipient']);
  });

  it('answers the same notification for the same Idempotency-Key, and 422 for the key with another body', async () => {
    const key = `notify-${randomUUID()}`;
    const first = await send(adHoc, { 'idempotency-key': key });
    const again = await send(adHoc, { 'idempotency-key': key });
    expect([first.statusCode, again.statusCode]).toEqual([202, 202]);
    expect(again.json().id).toBe(first.json().id);
    expectProblem(await send({ ...adHoc, body: 'Something else' }, { 'idempotency-key': key }), 422, 'idempotency_key_reused');
  });
});

describe('GET /api/v1/notifications', () => {
  it("lists a recipient's in-app inbox newest first, by ID or by address, with cursor pagination", async () => {
    const recipient = `agent-${randomUUID()}`;
    const ids = [];
    for (const subject of ['one', 'two', 'three']) ids.push(await inInbox(recipient, subject));
    const first = (await api.request({ url: `/api/v1/notifications?recipient=${recipient}&limit=2` })).json();
    expect(first.items.map((n: { subject: string }) => n.subject)).toEqual(['three', 'two']);
    const second = (await api.request({ url: `/api/v1/notifications?recipient=${recipient}&limit=2&cursor=${first.nextCursor}` })).json();
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0], subject: 'one', readAt: null })], nextCursor: null });
  });

  it('leaves out what was read when unread=true', async () => {
    const recipient = `agent-${randomUUID()}`;
    const read = await inInbox(recipient, 'read me');
    await inInbox(recipient, 'still unread');
    expect((await api.request({ method: 'POST', url: `/api/v1/notifications/${read}/read` })).statusCode).toBe(200);
    const page = (await api.request({ url: `/api/v1/notifications?recipient=${recipient}&unread=true` })).json();
    expect(page.items.map((n: { subject: string }) => n.subject)).toEqual(['still unread']);
  });

  it("finds a directory person's inbox by their address too", async () => {
    const id = await inInbox('agent-8', 'for Linus');
    const page = (await api.request({ url: '/api/v1/notifications?recipient=Agent-8@gotrs.local&limit=100' })).json();
    expect(page.items.map((n: { id: string }) => n.id)).toContain(id);
  });

  it('returns 400 without a recipient, and for a cursor it did not issue', async () => {
    expect(fieldsOf(await api.request({ url: '/api/v1/notifications' }))).toEqual(['querystring.recipient']);
    expectProblem(await api.request({ url: '/api/v1/notifications?recipient=agent-7&cursor=bm9wZQ' }), 400, 'invalid_cursor');
  });
});
