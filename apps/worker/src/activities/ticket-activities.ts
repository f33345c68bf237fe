import { ApplicationFailure } from '@temporalio/common';
import {
  TicketNotFoundError,
  applyAssignment,
  applyResponse,
  applyStatus,
  createOrLoadTicket,
  recordEvent,
} from '@gotrs/db';
import type { AssignCommand, CreateCommand, EventCommand, ResponseCommand, StatusCommand, Ticket } from '@gotrs/contracts';
import type { Pool } from 'pg';
import type { Logger } from 'pino';

export interface TicketActivityDeps {
  pool: Pool;
  logger: Logger;
}

/** A missing row cannot appear by retrying; everything else (PostgreSQL down, timeouts) may. */
async function persist<T>(deps: TicketActivityDeps, what: string, ticketId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof TicketNotFoundError) {
      throw ApplicationFailure.nonRetryable(error.message, 'TicketNotFoundError');
    }
    deps.logger.warn({ err: error, ticketId }, `${what} failed; Temporal will retry`);
    throw error;
  }
}

/** Activities that persist ticket changes; each is idempotent through the change's ID. */
export function createTicketActivities(deps: TicketActivityDeps) {
  return {
    async CreateTicketActivity(command: CreateCommand): Promise<Ticket> {
      return persist(deps, 'CreateTicketActivity', command.ticket.id, () => createOrLoadTicket(deps.pool, command));
    },
    async AssignTicketActivity(command: AssignCommand): Promise<Ticket> {
      return persist(deps, 'AssignTicketActivity', command.ticketId, () => applyAssignment(deps.pool, command));
    },
    async UpdateTicketStatusActivity(command: StatusCommand): Promise<Ticket> {
      return persist(deps, 'UpdateTicketStatusActivity', command.ticketId, () => applyStatus(deps.pool, command));
    },
    async RecordResponseActivity(command: ResponseCommand): Promise<Ticket> {
      return persist(deps, 'RecordResponseActivity', command.ticketId, () => applyResponse(deps.pool, command));
    },
    async RecordTicketEventActivity(command: EventCommand): Promise<void> {
      return persist(deps, 'RecordTicketEventActivity', command.ticketId, () => recordEvent(deps.pool, command));
    },
  };
}
