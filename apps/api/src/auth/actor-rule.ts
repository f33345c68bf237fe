import { actorOf, type ActorRecord, type Caller } from './caller';
import { allow, forbidden, insufficientScope, type Decision } from './decision';
import { grants } from './scopes';

function namesSelf(caller: Caller, actor: string): boolean {
  if (caller.kind === 'user') return actor === caller.email || actor === caller.id;
  return actor === caller.name || actor === `api-key:${caller.name}`;
}

/**
 * Who a change is recorded as. The caller is the actor; a body's `actor` may only repeat the caller,
 * except for an API key with `actor:impersonate` (GOTRS acting for one of its users), whose `actor`
 * is recorded as on that person's behalf. Absent or blank (Go's "") means the caller.
 */
export function decideActor(caller: Caller, requested: string | null | undefined): Decision<ActorRecord> {
  const actor = requested?.trim() ?? '';
  if (actor === '' || namesSelf(caller, actor)) return allow(actorOf(caller));
  if (caller.kind === 'user') {
    return forbidden('an API key with actor:impersonate', 'the actor is who the token names: people cannot name another actor (leave `actor` out)');
  }
  if (grants(caller.scopes, 'actor:impersonate')) return allow(actorOf(caller, actor));
  return insufficientScope('actor:impersonate', `API key "${caller.name}" cannot name another actor: it needs the scope actor:impersonate`);
}
