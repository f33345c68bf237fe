import { resolve } from 'node:path';
import { loadNotificationSettings } from '@gotrs/config';
import { actorOf } from '../../src/auth/caller';
import { decideResponder } from '../../src/auth/responder-rule';
import { apiKey, user } from './callers';

// config/notifications.yaml: agent-7 is agent-7@gotrs.local.
const directory = loadNotificationSettings(resolve(__dirname, '../../../../config/notifications.yaml'), {});
const grace = user('Agent', 'agent-7@gotrs.local', '42');
const outsider = user('Agent', 'temp@agency.example', '43');

describe('decideResponder (the caller is the responder)', () => {
  it("records a person's own response under their directory ID, named or left out", () => {
    for (const agentId of [undefined, 'agent-7', 'AGENT-7@gotrs.local', '42']) {
      expect(decideResponder(grace, { agentId }, directory)).toEqual({ effect: 'allow', value: { agentId: 'agent-7', actor: actorOf(grace) } });
    }
  });

  it('uses the email of a person the directory does not know', () => {
    expect(decideResponder(outsider, {}, directory)).toMatchObject({ effect: 'allow', value: { agentId: 'temp@agency.example' } });
  });

  it('refuses a person, Admins included, recording another agent\'s response: 403 naming their own ID', () => {
    for (const caller of [grace, user('Admin')]) {
      expect(decideResponder(caller, { agentId: 'agent-3' }, directory)).toMatchObject({ effect: 'deny', code: 'forbidden', missing: 'an API key with actor:impersonate' });
    }
    expect(decideResponder(grace, { agentId: 'agent-3' }, directory)).toMatchObject({ message: expect.stringContaining('"agent-7"') });
  });

  it('refuses a person naming another actor, as everywhere', () => {
    expect(decideResponder(grace, { actor: 'lead' }, directory)).toMatchObject({ effect: 'deny', code: 'forbidden' });
  });

  it('lets only an actor:impersonate key report an agent, recorded on the agent\'s behalf', () => {
    const gotrs = apiKey(['tickets:write', 'actor:impersonate'], 'gotrs');
    expect(decideResponder(gotrs, { agentId: ' agent-3 ' }, directory)).toEqual({
      effect: 'allow', value: { agentId: 'agent-3', actor: actorOf(gotrs, 'agent-3') },
    });
    expect(decideResponder(gotrs, { agentId: 'agent-3', actor: 'lead' }, directory)).toMatchObject({ value: { agentId: 'agent-3', actor: { label: 'lead', onBehalfOf: 'lead' } } });
    expect(decideResponder(gotrs, {}, directory)).toEqual({ effect: 'allow', value: 'agent-required' });
    for (const scopes of [['tickets:write'], ['admin']] as const) {
      expect(decideResponder(apiKey([...scopes]), { agentId: 'agent-3' }, directory)).toMatchObject({ effect: 'deny', code: 'insufficient_scope', missing: 'actor:impersonate' });
    }
  });
});
