import { randomUUID } from 'node:crypto';
import { claimEmail, logNotification, recordEmailSent } from '@gotrs/db';
import type { NotificationRequest } from '@gotrs/contracts';
import { expectProblem, startApi, type TestApi } from '../../../../../support';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-notification' });
});
afterAll(() => api.close());

describe('GET /api/v1/notifications/{id}', () => {
  it('shows the delivery record: status, the channel used and every attempt', async () => {
    const request: NotificationRequest = { id: randomUUID(), ticketId: 't-1', recipient: 'agent-7', channel: 'email', subject: 'S', body: 'B', event: 'ticket.assigned' };
    const target = { request, recipientKey: 'agent-7' };
    await claimEmail(api.pool, target, 1, 5000);
    await recordEmailSent(api.pool, request.id, 1, { address: 'agent-7@gotrs.local', messageId: `<notification-${request.id}@gotrs.local>`, response: '250 OK' });
    await logNotification(api.pool, target, { status: 'sent', channel: 'email', error: null });
    const response = await api.request({ url: `/api/v1/notifications/${request.id}` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: request.id, status: 'sent', channel: 'email', requestedChannel: 'email', address: 'agent-7@gotrs.local',
      messageId: `<notification-${request.id}@gotrs.local>`, emailSentAt: expect.any(String), completedAt: expect.any(String),
      attempts: [{ channel: 'email', attempt: 1, outcome: 'sent', error: null, startedAt: expect.any(String), finishedAt: expect.any(String) }],
    });
    expect(response.json()).not.toHaveProperty('recipientKey');
  });

  it('returns 404 for an unknown notification', async () => {
    expectProblem(await api.request({ url: `/api/v1/notifications/${randomUUID()}` }), 404, 'notification_not_found');
  });
});

describe('POST /api/v1/notifications/{id}/read', () => {
  it('returns 409 for a notification that was emailed, not put in an inbox', async () => {
    const request: NotificationRequest = { id: randomUUID(), ticketId: null, recipient: 'agent-7', channel: 'email', subject: 'S', body: 'B', event: 'ad-hoc' };
    await logNotification(api.pool, { request, recipientKey: 'agent-7' }, { status: 'sent', channel: 'email', error: null });
    expectProblem(await api.request({ method: 'POST', url: `/api/v1/notifications/${request.id}/read` }), 409, 'notification_not_in_inbox');
  });

  it('returns 404 for an unknown notification', async () => {
    expectProblem(await api.request({ method: 'POST', url: `/api/v1/notifications/${randomUUID()}/read` }), 404, 'notification_not_found');
  });
});
