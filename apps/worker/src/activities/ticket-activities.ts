import {
  applyAssignment,
  applyResponse,
  applyStatus,
  createOrLoadTicket,
  recordEvent,
} from '@gotrs/db';
import type { AssignCommand, CreateCommand, EventCommand, ResponseCommand, StatusCommand, Ticket } from '@gotrs/contracts';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { classified } from './activity-errors';

export interface TicketActivityDeps {
  pool: Pool;
  logger: Logger;
}

/** Activities that persist ticket changes; each is idempotent through the change's ID. */
export function createTicketActivities(deps: TicketActivityDeps) {
  return classified(deps.logger, {
    async CreateTicketActivity(command: CreateCommand): Promise<Ticket> {
      return createOrLoadTicket(deps.pool, command);
    },
    async AssignTicketActivity(command: AssignCommand): Promise<Ticket> {
      return applyAssignment(deps.pool, command);
    },
    async UpdateTicketStatusActivity(command: StatusCommand): Promise<Ticket> {
      return applyStatus(deps.pool, command);
    },
    async RecordResponseActivity(command: ResponseCommand): Promise<Ticket> {
      return applyResponse(deps.pool, command);
    },
    async RecordTicketEventActivity(command: EventCommand): Promise<void> {
      return recordEvent(deps.pool, command);
    },
  });
}
