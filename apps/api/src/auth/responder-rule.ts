import type { NotificationSettings } from '@gotrs/config';
import { decideActor } from './actor-rule';
import type { ActorRecord, Caller } from './caller';
import { allow, forbidden, insufficientScope, type Decision } from './decision';
import { ownInboxKey } from './notification-access';
import { grants } from './scopes';

/** Who responded, and who the change is recorded as. */
export interface Responder {
  agentId: string;
  actor: ActorRecord;
}

/** What the responses body says: the agent, and maybe an actor. */
export interface ResponseClaim {
  agentId?: string;
  actor?: string | null;
}

/**
 * `POST /tickets/{id}/responses`: the caller is the responder. A person records their own response:
 * `agentId` may be left out (their directory ID, else their email) or name them (that ID, their email
 * or their user ID); another agent is 403. An API key is nobody's response: it must name the agent and
 * needs `actor:impersonate` (GOTRS reporting its agents' replies), and is recorded on the agent's behalf.
 * The agent's ID is then `agentId` as given, with `actor` (when given) following decideActor.
 */
export function decideResponder(caller: Caller, claim: ResponseClaim, directory: NotificationSettings): Decision<Responder | 'agent-required'> {
  if (caller.kind === 'user') {
    const own = ownInboxKey(caller, directory)!;
    const names = [own, caller.email.toLowerCase(), caller.id];
    const named = claim.agentId?.trim();
    if (named !== undefined && !names.includes(named) && !names.includes(named.toLowerCase())) {
      return forbidden('an API key with actor:impersonate', `a person records their own responses only: leave agentId out or give "${own}"`);
    }
    const actor = decideActor(caller, claim.actor);
    return actor.effect === 'allow' ? allow({ agentId: own, actor: actor.value }) : actor;
  }
  if (!grants(caller.scopes, 'actor:impersonate')) {
    return insufficientScope('actor:impersonate', `API key "${caller.name}" cannot record an agent's response: it needs the scope actor:impersonate`);
  }
  const agentId = claim.agentId?.trim();
  if (!agentId) return allow('agent-required');
  const actor = decideActor(caller, claim.actor ?? agentId);
  return actor.effect === 'allow' ? allow({ agentId, actor: actor.value }) : actor;
}
