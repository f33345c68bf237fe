import { newNotificationId } from '../../src/notifications/notification-id';
import { newTicketId, requestHash } from '../../src/tickets/ticket-id';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const GRACE = 'user:gotrs:42';

describe('newTicketId', () => {
  it('derives the same version 8 UUID from the same caller and Idempotency-Key', () => {
    expect(newTicketId(GRACE, 'order-42')).toBe(newTicketId(GRACE, 'order-42'));
    expect(newTicketId(GRACE, 'order-42')).toMatch(UUID_V8);
  });

  it('derives different IDs from different keys', () => {
    expect(newTicketId(GRACE, 'order-42')).not.toBe(newTicketId(GRACE, 'order-43'));
  });

  it("never meets another caller's equal key, however the parts are cut", () => {
    expect(newTicketId(GRACE, 'order-42')).not.toBe(newTicketId('user:gotrs:43', 'order-42'));
    expect(newTicketId('api-key:a', 'b:c')).not.toBe(newTicketId('api-key:a:b', 'c'));
  });

  it('gives a random UUID without a key', () => {
    expect(newTicketId(GRACE)).not.toBe(newTicketId(GRACE));
  });
});

describe('newNotificationId', () => {
  it('is per caller and apart from ticket IDs', () => {
    expect(newNotificationId(GRACE, 'k')).toBe(newNotificationId(GRACE, 'k'));
    expect(newNotificationId(GRACE, 'k')).not.toBe(newNotificationId('api-key:x', 'k'));
    expect(newNotificationId(GRACE, 'k')).not.toBe(newTicketId(GRACE, 'k'));
  });
});

describe('requestHash', () => {
  it('ignores the order of keys and undefined values', () => {
    expect(requestHash({ a: 1, b: 'x', c: undefined })).toBe(requestHash({ b: 'x', a: 1 }));
  });

  it('tells different requests apart', () => {
    expect(requestHash({ title: 'a' })).not.toBe(requestHash({ title: 'b' }));
  });
});
