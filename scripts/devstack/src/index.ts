/**
 * @gotrs/devstack: the developer tooling behind `make dev` and `make test`. Tests import their
 * helpers from '@gotrs/devstack/testing'; this front door serves scripts that drive the stack.
 */
export { TEMPORAL_PINS, resolveTemporalCli, resolveTemporalTestServer, startTemporalDevServer } from './temporal';
export type { TemporalDevServer, TemporalDevServerOptions } from './temporal';
export { resolvePgBinDir, startLocalPostgres } from './postgres';
export type { LocalPostgres, LocalPostgresOptions } from './postgres';
export { ensureDatabase, dropDatabase, databaseUrlFor } from './pg-database';
export { freePort, isPortTaken, assertPortsFree } from './ports';
export { waitFor, GiveUpError, WaitTimeoutError } from './wait';
export type { WaitOptions } from './wait';
export { testEnv, uniqueTaskQueue, createTestDatabase } from './testing';
export type { TestEnv, TestDatabase } from './testing';
export { startSmtpSink } from './smtp-sink';
export type { SmtpSink, ReceivedEmail } from './smtp-sink';
export { startMailSink } from './mail-sink';
export type { MailSink } from './mail-sink';
export { Reaper } from './reaper-client';
export { Teardown } from './teardown';
export { startTestStack } from './test-stack';
export type { TestStackEnv } from './test-stack';
