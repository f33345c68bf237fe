import { isOperation, operationRule, roleList, type Operation } from '../auth/operations';
import type { HiddenResource } from '../auth/decision';
import { problem } from '../schemas/responses';

/** The name of the security scheme in the document (`components.securitySchemes`). */
export const SECURITY_SCHEME = 'bearer';

/** CONTRACT section 4: one bearer scheme, two kinds of credential. */
export const SECURITY_SCHEMES = {
  [SECURITY_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description:
      'Send `Authorization: Bearer <credential>`, where the credential is either a GOTRS access token (the HS256 JWT that ' +
      'GOTRS issues when a user logs in, verified with the secret GOTRS signs with; its `role` Admin, Agent or Customer says ' +
      'what the user may do) or an API key (`gotrs_...`, made with `npm run api-key -- create --name NAME --scopes a,b`; its ' +
      'scopes say what it may do). GOTRS refresh tokens, unsigned, expired or forged tokens and unknown or revoked keys answer ' +
      '401 with `WWW-Authenticate: Bearer`.',
  },
} as const;

/** What the document says about an operation's permission, as `x-gotrs-permission` (tests read it). */
export interface PermissionExtension {
  operation: Operation;
  roles: string[];
  scope: string;
  hides: HiddenResource | null;
}

const HIDDEN: Record<HiddenResource, string> = {
  ticket: "A ticket the caller may not see (a Customer's view of another customer's ticket) answers this same 404 `ticket_not_found`.",
  notification: 'A notification outside the inboxes the caller reaches answers this same 404 `notification_not_found`.',
  inbox: "Another person's inbox answers 404 `inbox_not_found` (a person reads their own inbox only).",
};

const CHALLENGE = { 'www-authenticate': { type: 'string', description: 'The Bearer challenge (RFC 6750): `Bearer realm="gotrs-api", error="..."`.' } };

/** The 401 of every protected operation. */
export const UNAUTHORIZED = {
  ...problem(401, 'No credentials (`unauthorized`), or a token or API key that is not valid: forged, expired, unsigned, a refresh token, revoked (`invalid_token`).'),
  headers: CHALLENGE,
};

function forbiddenResponse(operation: Operation | undefined) {
  const who = operation
    ? `This operation needs the role ${roleList(operationRule(operation).roles)}, or an API key with \`${operationRule(operation).scope}\`.`
    : '';
  return {
    ...problem(
      403,
      'Not allowed (`forbidden`): the caller\'s role may not, or the request names what the caller may not (another `actor`, ' +
        'another agent\'s response, another customer\'s `customerUserId`, an address outside the directory); or an API key lacks a ' +
        `scope (\`insufficient_scope\`, with a scope challenge). ${who}`.trim(),
    ),
    headers: CHALLENGE,
  };
}

/** What conventions add to a protected route: the security requirement, 401, 403 and the 404 of hidden objects. */
export function protectedParts(requires: unknown, responses: Record<string, { description?: string } | undefined>) {
  const operation = isOperation(requires) ? requires : undefined;
  const rule = operation ? operationRule(operation) : undefined;
  const added: Record<string, { description?: string }> = { 401: UNAUTHORIZED, 403: forbiddenResponse(operation) };
  if (rule?.hides) {
    const own = responses[404];
    added[404] = own ? { ...own, description: `${own.description ?? ''} ${HIDDEN[rule.hides]}`.trim() } : problem(404, HIDDEN[rule.hides]);
  }
  const permission: PermissionExtension | undefined = operation && rule
    ? { operation, roles: [...rule.roles], scope: rule.scope, hides: rule.hides ?? null }
    : undefined;
  return { security: [{ [SECURITY_SCHEME]: [] }], responses: added, permission };
}

/** The sentence the description of a protected operation ends with. */
export function permissionSentence(permission: PermissionExtension | undefined): string {
  if (!permission) return '**Who may call it**: any authenticated caller.';
  return `**Who may call it**: the role ${roleList(permission.roles as never)}; API keys with \`${permission.scope}\`.`;
}
