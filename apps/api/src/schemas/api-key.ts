import { Type, type Static } from '@sinclair/typebox';
import { SCOPES, SCOPE_NAMES } from '../auth/scopes';
import { DateTime, Identifier, KEY_NAME_PATTERN, Nullable, StringEnum } from './common';

const Scope = StringEnum(SCOPE_NAMES, {
  description: Object.entries(SCOPES).map(([scope, what]) => `\`${scope}\`: ${what}`).join('; ') + '.',
});

/** An API key as listed: everything but the key, of which only a hash is stored. */
export const ApiKeySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    scopes: Type.Array(Type.String()),
    hint: Type.String({ description: 'The last four characters of the key, to tell keys apart.' }),
    createdAt: DateTime,
    lastUsedAt: Nullable({ ...DateTime, description: 'Written at most once per auth.api_key_last_used_interval.' }),
    revokedAt: Nullable(DateTime),
  },
  { $id: 'ApiKey', title: 'ApiKey', additionalProperties: false },
);
export type ApiApiKey = Static<typeof ApiKeySchema>;

export const ApiKeyListSchema = Type.Object(
  { items: Type.Array(Type.Unsafe<ApiApiKey>(Type.Ref('ApiKey')), { description: 'Oldest first.' }) },
  { $id: 'ApiKeyList', title: 'ApiKeyList', additionalProperties: false },
);

/** The answer of a create: the key itself, shown this once. */
export const CreatedApiKeySchema = Type.Object(
  {
    key: Type.String({ description: 'The key (`gotrs_...`), shown once: send it as `Authorization: Bearer <key>`. Only its hash is stored.' }),
    apiKey: Type.Unsafe<ApiApiKey>(Type.Ref('ApiKey')),
  },
  { $id: 'CreatedApiKey', title: 'CreatedApiKey', additionalProperties: false },
);

export const CreateApiKeyRequest = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: KEY_NAME_PATTERN,
      description: 'Unique among active keys: 1-64 letters, digits, `.`, `_`, `-`, starting with a letter or digit; not a UUID.',
    }),
    scopes: Type.Array(Scope, {
      minItems: 1,
      maxItems: SCOPE_NAMES.length,
      uniqueItems: true,
      description: '`actor:impersonate` is granted with `npm run api-key` only (an operator with database access), never over HTTP.',
    }),
  },
  { $id: 'CreateApiKeyRequest', title: 'CreateApiKeyRequest', additionalProperties: false },
);
export type CreateApiKeyInput = Static<typeof CreateApiKeyRequest>;

export const ListApiKeysQuery = Type.Object(
  { includeRevoked: Type.Optional(Type.Boolean({ description: 'Revoked keys too (they are kept for the audit trail).' })) },
  { additionalProperties: false },
);

/** A key by its ID, or by the name of the active key (as `npm run api-key -- revoke NAME-or-ID`). */
export const ApiKeyIdParams = Type.Object({
  id: Identifier({ description: "The key's ID, or the name of an active key.", examples: ['5b0c9f0e-3c1d-4a4e-9f2b-2a7d4e1c0b9a', 'ci-bot'] }),
});

/** The API key models, registered with `addSchema`. */
/** Revoking takes no field; the body is declared so that clients send `Content-Type: application/json`. */
export const RevokeApiKeyRequest = Type.Object(
  {},
  {
    $id: 'RevokeApiKeyRequest',
    title: 'RevokeApiKeyRequest',
    additionalProperties: false,
    description: 'No fields: `{}`, or an empty body with `Content-Type: application/json` (every change needs that header).',
  },
);

export const API_KEY_MODELS = [ApiKeySchema, ApiKeyListSchema, CreatedApiKeySchema, CreateApiKeyRequest, RevokeApiKeyRequest];
