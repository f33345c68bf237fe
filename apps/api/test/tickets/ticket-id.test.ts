import { newTicketId, requestHash } from '../../src/tickets/ticket-id';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newTicketId', () => {
  it('derives the same version 8 UUID from the same Idempotency-Key', () => {
    expect(newTicketId('order-42')).toBe(newTicketId('order-42'));
    expect(newTicketId('order-42')).toMatch(UUID_V8);
  });

  it('derives different IDs from different keys', () => {
    expect(newTicketId('order-42')).not.toBe(newTicketId('order-43'));
  });

  it('gives a random UUID without a key', () => {
    expect(newTicketId()).not.toBe(newTicketId());
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
