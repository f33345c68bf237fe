import { ACTOR_METHODS } from '@gotrs/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from './common';

/** Who did something, as the gateway recorded them (the contracts' Actor). */
export const ActorSchema = Type.Object(
  {
    label: Type.String({
      description:
        "The name recorded as `actor`: a person's email, `api-key:{name}`, the person an `actor:impersonate` key acted for, " +
        "a Temporal caller's name (Go code signalling the workflow), or `system`, `sla`, `escalation`.",
    }),
    method: StringEnum(ACTOR_METHODS, {
      description:
        'How they authenticated: `gotrs-token` (a GOTRS access token), `jwks-token` (an identity provider\'s token), `api-key`; ' +
        '`temporal`: a name a Temporal client gave, not verified by the gateway; `system`: the workflows themselves.',
    }),
    userId: Nullable(Type.String({ description: "A person's GOTRS user ID (or the identity provider's subject)." })),
    email: Nullable(Type.String({ description: "A person's email." })),
    keyId: Nullable(Type.String({ description: "The API key's ID." })),
    keyName: Nullable(Type.String({ description: "The API key's name." })),
    onBehalfOf: Nullable(Type.String({ description: 'Whom an API key with `actor:impersonate` acted for (the name it gave).' })),
  },
  { $id: 'Actor', title: 'Actor', additionalProperties: false },
);

export type ApiActor = Static<typeof ActorSchema>;

/** `$ref` to the Actor model, or null (for records made before actors were recorded). */
export function NullableActor(description: string) {
  return Type.Unsafe<ApiActor | null>({ anyOf: [{ $ref: 'Actor' }, { type: 'null' }], description });
}
