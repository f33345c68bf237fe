/**
 * Identity and authorization: what routes and use cases call. The plugin that turns a request into
 * a caller is plugins/app/identity.ts; everything here is pure, except the verifier and authenticator.
 */
export { ROLES, actorOf, callerScope } from './caller';
export type { ActorRecord, ApiKeyCaller, AuthMethod, Caller, Role, UserCaller } from './caller';
export { SCOPES, SCOPE_NAMES, grants, isScope, parseScopeList } from './scopes';
export type { Scope } from './scopes';
export { OPERATIONS, decideOperation, isOperation } from './operations';
export type { Operation } from './operations';
export type { Decision, Denial, HiddenResource } from './decision';
export { decideNewTicket, decideTicketList, decideTicketVisibility } from './ticket-access';
export type { TicketFacts } from './ticket-access';
export { decideInbox, decideMarkRead, decideNotificationRecord, decideRecipient, ownInboxKey } from './notification-access';
export { decideActor } from './actor-rule';
export { decideResponder } from './responder-rule';
export type { Responder } from './responder-rule';
export { denialError, enforce } from './denial-error';
export { AuthFailure, bearerChallenge } from './auth-failure';
export { API_KEY_PREFIX, apiKeyNameProblem, generateApiKey, hashApiKey } from './api-key';
export { createTokenVerifier } from './token-verifier';
export type { TokenVerifier } from './token-verifier';
export { createAuthenticator } from './authenticator';
export type { ApiKeyDirectory, Authenticator } from './authenticator';
