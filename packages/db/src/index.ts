export { runMigrations, MIGRATIONS_DIR } from './migrate';
export { createPool, isConnectionError } from './pool';
export type { PoolSettings } from './pool';
export { inTransaction } from './transaction';
export { InvalidCursorError } from './cursor';
export { createOrLoadTicket, applyAssignment, applyStatus, recordEvent, TicketNotFoundError } from './ticket-writes';
export { findTicket, listTickets, listHistory } from './ticket-reads';
export type { Page, TicketFilter } from './ticket-reads';
