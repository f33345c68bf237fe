import { decideActor } from '../../src/auth/actor-rule';
import { actorOf, callerScope } from '../../src/auth/caller';
import { apiKey, user } from './callers';

const grace = user('Agent', 'grace@example.com', '42');

describe('decideActor', () => {
  it('records a person as themselves: user id, email and how they authenticated', () => {
    expect(decideActor(grace, undefined)).toEqual({
      effect: 'allow',
      value: { label: 'grace@example.com', method: 'gotrs-token', userId: '42', email: 'grace@example.com', keyId: null, keyName: null, onBehalfOf: null },
    });
  });

  it("treats Go's zero value \"\", null and blanks as absent", () => {
    for (const actor of ['', '  ', null]) expect(decideActor(grace, actor)).toEqual(decideActor(grace, undefined));
  });

  it('accepts an actor that repeats the caller, and records the caller', () => {
    for (const actor of ['grace@example.com', '42']) expect(decideActor(grace, actor)).toEqual(decideActor(grace, undefined));
  });

  it('refuses a person naming anyone else, Admins included', () => {
    for (const caller of [grace, user('Admin')]) {
      expect(decideActor(caller, 'agent-7')).toMatchObject({ effect: 'deny', code: 'forbidden', missing: 'an API key with actor:impersonate' });
    }
  });

  it('records a key by its name, and refuses another actor without actor:impersonate', () => {
    expect(decideActor(apiKey(['tickets:write']), undefined)).toMatchObject({ effect: 'allow', value: { label: 'api-key:ci-bot', method: 'api-key', keyName: 'ci-bot', onBehalfOf: null } });
    expect(decideActor(apiKey(['tickets:write', 'admin']), 'agent-7')).toMatchObject({ effect: 'deny', code: 'insufficient_scope', missing: 'actor:impersonate' });
  });

  it('lets an actor:impersonate key (GOTRS acting for its user) name the person, recorded as on their behalf', () => {
    expect(decideActor(apiKey(['tickets:write', 'actor:impersonate'], 'gotrs'), ' agent-7 ')).toEqual({
      effect: 'allow',
      value: { label: 'agent-7', method: 'api-key', userId: null, email: null, keyId: '00000000-0000-4000-8000-000000000001', keyName: 'gotrs', onBehalfOf: 'agent-7' },
    });
  });
});

describe('callerScope', () => {
  it('keeps two callers apart (Idempotency-Keys are scoped by it)', () => {
    expect(callerScope(grace)).toBe('user:gotrs:42');
    expect(callerScope(apiKey([]))).toBe('api-key:00000000-0000-4000-8000-000000000001');
    expect(actorOf(apiKey([]), 'x').label).toBe('x');
  });
});
