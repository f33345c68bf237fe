import type { Actor, ActorMethod } from '@gotrs/contracts';

/** The structured actor's columns, after a prefix (`actor` or `requested_by`); the label has its own. */
const SUFFIXES = ['method', 'user_id', 'email', 'key_id', 'key_name', 'on_behalf_of'] as const;

/** `actor_method, actor_user_id, ...`: the identity columns under `prefix`, in actorValues' order. */
export function actorColumns(prefix: string): string {
  return SUFFIXES.map((suffix) => `${prefix}_${suffix}`).join(', ');
}

/** `$n, $n+1, ...`: placeholders for actorValues from parameter `first` on. */
export function actorPlaceholders(first: number): string {
  return SUFFIXES.map((_, i) => `$${first + i}`).join(', ');
}

/** The identity columns' values of `actor` (all null when it was not recorded). */
export function actorValues(actor: Actor | null | undefined): Array<string | null> {
  if (!actor) return SUFFIXES.map(() => null);
  return [actor.method, actor.userId, actor.email, actor.keyId, actor.keyName, actor.onBehalfOf];
}

/** The actor of a row read with actorColumns(prefix), labelled `label`; null when not recorded. */
export function actorOfRow(row: Record<string, unknown>, prefix: string, label: string | null): Actor | null {
  const method = row[`${prefix}_method`];
  if (typeof method !== 'string' || label === null) return null;
  const text = (suffix: string) => (row[`${prefix}_${suffix}`] as string | null | undefined) ?? null;
  return {
    label,
    method: method as ActorMethod,
    userId: text('user_id'),
    email: text('email'),
    keyId: text('key_id'),
    keyName: text('key_name'),
    onBehalfOf: text('on_behalf_of'),
  };
}
