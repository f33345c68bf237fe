import { DecodeError, decodeNotificationRequest, notificationWorkflowId } from '../src';
import { LONE_SURROGATE, NUL, refusal } from './support';

describe('decodeNotificationRequest', () => {
  it("takes Go's PascalCase fields, with DeliverAfter, and Go's zero time as none", () => {
    const go = { ID: 'n-1', TicketID: 't-1', Recipient: 'agent-7', Channel: 'in-app', Subject: 'S', Body: 'B', Event: 'sla.breach' };
    expect(decodeNotificationRequest({ ...go, DeliverAfter: '2030-01-01T09:00:00+02:00' })).toEqual({
      id: 'n-1', ticketId: 't-1', recipient: 'agent-7', channel: 'in-app', subject: 'S', body: 'B', html: null, event: 'sla.breach',
      deliverAfter: '2030-01-01T07:00:00.000Z',
    });
    expect(decodeNotificationRequest({ ...go, DeliverAfter: '0001-01-01T00:00:00Z' }).deliverAfter).toBeNull();
  });

  it('defaults the channel to email and the event to ad-hoc', () => {
    expect(decodeNotificationRequest({ id: 'n-2', recipient: 'alice@example.com' })).toMatchObject({ channel: 'email', event: 'ad-hoc', ticketId: null });
  });

  it('refuses an unknown channel, a missing recipient and a deliverAfter that is not a time', () => {
    expect(() => decodeNotificationRequest({ id: 'n', recipient: 'a', channel: 'fax' })).toThrow(DecodeError);
    expect(() => decodeNotificationRequest({ id: 'n' })).toThrow('recipient is required');
    expect(() => decodeNotificationRequest({ id: 'n', recipient: 'a', deliverAfter: 'tomorrow' })).toThrow('deliverAfter');
  });

  it('names the workflow notification-{id}', () => {
    expect(notificationWorkflowId('n-1')).toBe('notification-n-1');
  });
});

describe("decodeNotificationRequest with Go's zero values and unstorable text", () => {
  const go = { ID: 'n-1', TicketID: '', Recipient: 'agent-7', Channel: '', Subject: '', Body: '', HTML: '', Event: '', DeliverAfter: '0001-01-01T00:00:00Z' };

  it('takes every zero-valued optional field as not given', () => {
    expect(decodeNotificationRequest(go)).toEqual({
      id: 'n-1', ticketId: null, recipient: 'agent-7', channel: 'email', subject: '', body: '', html: null, event: 'ad-hoc', deliverAfter: null,
    });
  });

  it('refuses a zero-valued ID or recipient, naming the field', () => {
    expect(refusal(() => decodeNotificationRequest({ ...go, ID: '' }))).toMatchObject({ field: 'id' });
    expect(refusal(() => decodeNotificationRequest({ ...go, Recipient: '' }))).toMatchObject({ field: 'recipient' });
  });

  it.each(['ID', 'TicketID', 'Recipient', 'Subject', 'Body', 'HTML', 'Event'])('refuses unstorable text in %s', (field) => {
    for (const bad of [NUL, LONE_SURROGATE]) {
      const error = refusal(() => decodeNotificationRequest({ ...go, [field]: bad }));
      expect(error.problem).toBe('unstorable');
      expect(error.field?.toLowerCase()).toBe(field.toLowerCase());
    }
  });
});
