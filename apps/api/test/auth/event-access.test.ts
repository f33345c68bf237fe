import { eventAudience } from '../../src/auth/event-access';
import { apiKey, user } from './callers';

describe('eventAudience', () => {
  it("limits a Customer to their own tickets' events, by their email", () => {
    expect(eventAudience(user('Customer', 'alice@example.com'))).toEqual({ customerUserId: 'alice@example.com' });
  });

  it('lets Agents, Admins and API keys see every event', () => {
    expect([eventAudience(user('Agent')), eventAudience(user('Admin')), eventAudience(apiKey(['tickets:read']))]).toEqual([{}, {}, {}]);
  });
});
