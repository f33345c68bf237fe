import { decideOperation } from '../../src/auth/operations';
import { decideTicketVisibility } from '../../src/auth/ticket-access';
import { denialError, enforce } from '../../src/auth/denial-error';
import { forbidden, hidden } from '../../src/auth/decision';
import { notificationNotFound, ticketNotFound } from '../../src/errors/api-error';
import { apiKey, user } from './callers';

describe('denialError', () => {
  it('answers a hidden ticket or notification exactly as a missing one (IDs cannot be probed)', () => {
    expect(denialError(hidden('ticket'), 't-1')).toEqual(ticketNotFound('t-1'));
    expect({ ...denialError(hidden('ticket'), 't-1') }).toEqual({ ...ticketNotFound('t-1') });
    expect({ ...denialError(hidden('notification'), 'n-1') }).toEqual({ ...notificationNotFound('n-1') });
    expect(denialError(hidden('inbox'), 'agent-3')).toMatchObject({ code: 'inbox_not_found', status: 404, detail: 'no inbox for "agent-3"' });
  });

  it('answers a role refusal 403 forbidden, a scope refusal 403 insufficient_scope with its challenge', () => {
    expect(denialError(forbidden('role Admin', 'only an Admin may'))).toMatchObject({ code: 'forbidden', status: 403, detail: 'only an Admin may' });
    const scope = denialError(decideOperation(apiKey(['tickets:read']), 'tickets.assign') as never);
    expect(scope).toMatchObject({
      code: 'insufficient_scope',
      status: 403,
      challenge: expect.stringMatching(/^Bearer realm="gotrs-api", error="insufficient_scope", error_description="[^"]+", scope="tickets:write"$/),
    });
  });
});

describe('enforce', () => {
  it("gives an allowed decision's value and throws a denial", () => {
    expect(enforce(decideOperation(user('Agent'), 'tickets.assign'))).toBeNull();
    expect(() => enforce(decideTicketVisibility(user('Customer'), { customerUserId: null }), 't-9')).toThrow('no ticket with id "t-9"');
  });
});
