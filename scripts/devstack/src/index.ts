/**
 * @gotrs/devstack: the developer tooling behind `make dev` and `make test`. Tests import their
 * helpers from '@gotrs/devstack/testing'; this front door serves scripts that drive the stack.
 */
export { TEMPORAL_PINS, resolveTemporalCli, resolveTemporalTestServer, startTemporalDevServer } from './temporal';
export type { TemporalDevServer, TemporalDevServerOptions } from './temporal';
export { registerSearchAttributes } from './temporal';
export { TEMPORAL_SERVER_PIN, builtTemporalServer, ensureTemporalServer } from './temporal-server-build';
export type { TemporalServerBinaries } from './temporal-server-build';
export { TEMPORAL_DATABASES, setupTemporalSchema } from './temporal-server-schema';
export type { TemporalPostgres } from './temporal-server-schema';
export { NAMESPACE_RETENTION, TEMPORAL_SERVER_CONFIG_DIR, TEMPORAL_SERVER_CONFIG_FILE, TEMPORAL_SERVER_SERVICES, startTemporalServer } from './temporal-server';
export type { TemporalServer, TemporalServerOptions, TemporalServerPorts } from './temporal-server';
export { startFullTemporal } from './full-temporal';
export type { FullTemporal, FullTemporalOptions } from './full-temporal';
export { startApiProcess, startWorkerProcess } from './app-process';
export type { AppProcess, AppProcessOptions } from './app-process';
export { startProductStack } from './product-stack';
export type { ProductStack, ProductStackOptions, StackTemporal, TemporalKind } from './product-stack';
export { resolvePgBinDir, startLocalPostgres } from './postgres';
export type { LocalPostgres, LocalPostgresOptions } from './postgres';
export { ensureDatabase, dropDatabase, databaseUrlFor } from './pg-database';
export { freePort, freePortBetween, isPortTaken, assertPortsFree } from './ports';
export { DEV_ADMIN, devAdminToken } from './dev-auth';
export { startProcess } from './processes';
export type { ManagedProcess } from './processes';
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
