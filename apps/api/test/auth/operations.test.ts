import { OPERATIONS, decideOperation, type Operation } from '../../src/auth/operations';
import { grants, parseScopeList, SCOPE_NAMES } from '../../src/auth/scopes';
import { apiKey, user } from './callers';

const ALL = Object.keys(OPERATIONS) as Operation[];
const allowed = (decide: (op: Operation) => { effect: string }) => ALL.filter((op) => decide(op).effect === 'allow');

describe('decideOperation', () => {
  it('lets a Customer create, list and read tickets, use their own inbox and stream events, nothing else', () => {
    expect(allowed((op) => decideOperation(user('Customer'), op))).toEqual([
      'tickets.create', 'tickets.list', 'tickets.read', 'notifications.inbox', 'notifications.read', 'notifications.mark-read', 'events.stream',
    ]);
  });

  it('lets an Agent do every ticket operation and notify, but not manage webhooks, API keys or SLA policies', () => {
    expect(ALL.filter((op) => decideOperation(user('Agent'), op).effect === 'deny')).toEqual(['webhooks.manage', 'api-keys.manage', 'sla-policies.manage']);
  });

  it('lets an API key with sla:admin (or admin) manage SLA policies, and no other scope', () => {
    expect(decideOperation(apiKey(['sla:admin']), 'sla-policies.manage').effect).toBe('allow');
    expect(decideOperation(apiKey(['admin']), 'sla-policies.manage').effect).toBe('allow');
    expect(decideOperation(apiKey(['tickets:write', 'escalations:write']), 'sla-policies.manage')).toMatchObject({ code: 'insufficient_scope', missing: 'sla:admin' });
  });

  it('lets an Admin do everything', () => {
    expect(allowed((op) => decideOperation(user('Admin'), op))).toEqual(ALL);
  });

  it('refuses a role with 403 forbidden naming the roles needed', () => {
    expect(decideOperation(user('Customer'), 'tickets.assign')).toEqual({
      effect: 'deny', code: 'forbidden', missing: 'role Admin or Agent', message: 'Customer users may not assign tickets: it needs the role Admin or Agent',
    });
    expect(decideOperation(user('Agent'), 'api-keys.manage')).toMatchObject({ code: 'forbidden', missing: 'role Admin' });
  });

  it('lets an API key do what its scopes say, and names the missing scope', () => {
    const key = apiKey(['tickets:read']);
    expect(allowed((op) => decideOperation(key, op))).toEqual(['tickets.list', 'tickets.read', 'events.stream']);
    expect(decideOperation(key, 'tickets.assign')).toEqual({
      effect: 'deny', code: 'insufficient_scope', missing: 'tickets:write', message: 'API key "ci-bot" may not assign tickets: it needs the scope tickets:write',
    });
    expect(decideOperation(apiKey(['tickets:write']), 'tickets.escalate')).toMatchObject({ code: 'insufficient_scope', missing: 'escalations:write' });
    expect(allowed((op) => decideOperation(apiKey(['notifications:write']), op))).toEqual(['notifications.send', 'notifications.mark-read']);
  });

  it('lets Admins, Agents and reports:read keys read SLA reports, and no Customer or tickets:read key', () => {
    expect(['Admin', 'Agent', 'Customer'].map((role) => decideOperation(user(role as 'Admin'), 'reports.sla').effect)).toEqual(['allow', 'allow', 'deny']);
    expect(decideOperation(apiKey(['reports:read']), 'reports.sla').effect).toBe('allow');
    expect(decideOperation(apiKey(['admin']), 'reports.sla').effect).toBe('allow');
    expect(decideOperation(apiKey(['tickets:read']), 'reports.sla')).toMatchObject({ code: 'insufficient_scope', missing: 'reports:read' });
  });

  it('lets an admin key do everything, and a key without scopes nothing', () => {
    expect(allowed((op) => decideOperation(apiKey(['admin']), op))).toEqual(ALL);
    expect(allowed((op) => decideOperation(apiKey([]), op))).toEqual([]);
  });
});

describe('scopes', () => {
  it('admin implies every scope but actor:impersonate', () => {
    expect(SCOPE_NAMES.filter((s) => grants(['admin'], s))).toEqual(SCOPE_NAMES.filter((s) => s !== 'actor:impersonate'));
    expect(grants(['tickets:read'], 'tickets:write')).toBe(false);
  });

  it('parses a CLI list, deduplicated, and reports unknown names', () => {
    expect(parseScopeList('tickets:write, tickets:read,tickets:write,,')).toEqual({ scopes: ['tickets:read', 'tickets:write'], unknown: [] });
    expect(parseScopeList('tickets:read,tickets:delete,ADMIN')).toEqual({ scopes: ['tickets:read'], unknown: ['tickets:delete', 'ADMIN'] });
  });
});
