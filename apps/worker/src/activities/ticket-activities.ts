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
import { changeKindOfField } from '../metrics/label-values';
import { createWorkerMetrics, type WorkerMetrics } from '../metrics/worker-metrics';
import { classified } from './activity-errors';

export interface TicketActivityDeps {
  pool: Pool;
  logger: Logger;
  /** Where applied and rejected changes are counted (a registry of its own by default). */
  metrics?: WorkerMetrics;
}

/** Activities that persist ticket changes; each is idempotent through the change's ID. */
export function createTicketActivities(deps: TicketActivityDeps) {
  const metrics = deps.metrics ?? createWorkerMetrics();
  const applied = async (kind: string, write: Promise<Ticket>): Promise<Ticket> => {
    const ticket = await write;
    metrics.ticketChange(kind, 'applied');
    return ticket;
  };
  return classified(deps.logger, {
    async CreateTicketActivity(command: CreateCommand): Promise<Ticket> {
      return createOrLoadTicket(deps.pool, command);
    },
    async AssignTicketActivity(command: AssignCommand): Promise<Ticket> {
      return applied('assign', applyAssignment(deps.pool, command));
    },
    async UpdateTicketStatusActivity(command: StatusCommand): Promise<Ticket> {
      return applied(command.action === 'reopened' ? 'reopen' : 'status', applyStatus(deps.pool, command));
    },
    async RecordResponseActivity(command: ResponseCommand): Promise<Ticket> {
      return applied('response', applyResponse(deps.pool, command));
    },
    async RecordTicketEventActivity(command: EventCommand): Promise<void> {
      await recordEvent(deps.pool, command);
      if (command.action === 'rejected') metrics.ticketChange(changeKindOfField(command.field), 'rejected');
    },
  });
}
