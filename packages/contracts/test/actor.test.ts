import {
  DecodeError,
  actorFrom,
  decodeActor,
  decodeAssignRequest,
  decodeEscalationAdvance,
  decodeEscalationStart,
  decodeNewTicket,
  decodeNotificationRequest,
  decodeSlaSignal,
  systemActor,
  temporalActor,
  type Actor,
} from '../src';
import { NUL, refusal } from './support';

const GRACE: Actor = { label: 'grace@example.com', method: 'gotrs-token', userId: '42', email: 'grace@example.com', keyId: null, keyName: null, onBehalfOf: null };

describe('decodeActor', () => {
  it('takes the structured actor our API sends; absent fields are null', () => {
    expect(decodeActor(GRACE)).toEqual(GRACE);
    expect(decodeActor({ label: 'sla', method: 'system' })).toEqual(systemActor('sla'));
    expect(decodeActor(undefined)).toBeUndefined();
    expect(decodeActor(null)).toBeUndefined();
  });

  it('refuses an unknown method, a missing label and unstorable text, naming the field', () => {
    expect(refusal(() => decodeActor({ ...GRACE, method: 'password' }))).toMatchObject({ field: 'actorIdentity.method' });
    expect(refusal(() => decodeActor({ ...GRACE, label: '  ' }))).toMatchObject({ field: 'actorIdentity.label' });
    expect(refusal(() => decodeActor({ ...GRACE, email: NUL }))).toMatchObject({ field: 'actorIdentity.email', problem: 'unstorable' });
    expect(() => decodeActor('grace')).toThrow(DecodeError);
  });
});

describe('actorFrom', () => {
  it('prefers the structured actor, then a Go caller\'s plain name (unverified), then the fallback', () => {
    expect(actorFrom({ actor: 'bob', actorIdentity: GRACE }, systemActor('system'))).toBe(GRACE);
    expect(actorFrom({ actor: 'bob' }, systemActor('system'))).toEqual({ ...temporalActor('bob'), label: 'bob', method: 'temporal' });
    expect(actorFrom({}, systemActor('escalation'))).toEqual(systemActor('escalation'));
  });
});

describe('payloads carrying the actor', () => {
  it('decode it next to the plain actor of Go callers', () => {
    expect(decodeAssignRequest({ agentId: 'a', actor: GRACE.label, actorIdentity: GRACE })).toEqual({ agentId: 'a', actor: GRACE.label, actorIdentity: GRACE });
    expect(decodeAssignRequest({ AgentID: 'a', Actor: 'bob' })).toEqual({ agentId: 'a', actor: 'bob' });
    expect(decodeNewTicket({ id: 'T', createdBy: GRACE.label, createdByIdentity: GRACE })).toMatchObject({ createdByIdentity: GRACE });
    expect(decodeSlaSignal('ticket-status-changed', { status: 'open', actorIdentity: GRACE })).toEqual({ kind: 'status', status: 'open', actorIdentity: GRACE });
    expect(decodeSlaSignal('FirstResponse-complete', { actor: 'agent-7', actorIdentity: GRACE })).toMatchObject({ actor: 'agent-7', actorIdentity: GRACE });
    expect(decodeEscalationStart({ rules: [{ level: 1 }], actor: GRACE.label, actorIdentity: GRACE })).toMatchObject({ actorIdentity: GRACE });
    expect(decodeEscalationAdvance({ Reason: 'r', Actor: 'go-bot' })).toEqual({ reason: 'r', actor: 'go-bot' });
  });

  it('make a malformed structured actor a refused payload', () => {
    expect(refusal(() => decodeAssignRequest({ agentId: 'a', actorIdentity: { label: 'x', method: 'root' } }))).toMatchObject({ field: 'actorIdentity.method' });
  });

  it("take a notification's requestedBy structured, or as Go's plain name, and leave it out when absent", () => {
    const base = { id: 'n', recipient: 'agent-7' };
    expect(decodeNotificationRequest({ ...base, requestedBy: GRACE }).requestedBy).toEqual(GRACE);
    expect(decodeNotificationRequest({ ...base, RequestedBy: 'go-bot' }).requestedBy).toEqual(temporalActor('go-bot'));
    expect(decodeNotificationRequest({ ...base, RequestedBy: '' })).not.toHaveProperty('requestedBy');
    expect(decodeNotificationRequest(base)).not.toHaveProperty('requestedBy');
  });
});
