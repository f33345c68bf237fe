/**
 * A caller of the TypeScript client (openapi-typescript's types with openapi-fetch), compiled by
 * generated-clients.test.ts: each line only compiles when the document types it as the API behaves.
 */
import createClient from 'openapi-fetch';
import type { components, operations, paths } from './generated/api';

type CreateTicketRequest = components['schemas']['CreateTicketRequest'];

export const byNumber: CreateTicketRequest = { title: 'Printer on fire', priority: 5 };
export const byName: CreateTicketRequest = { title: 'Printer on fire', priority: '5 very high', sla: { firstResponseTime: 'PT4H' } };
// @ts-expect-error: not an OTRS priority name
export const wrongName: CreateTicketRequest = { title: 'Printer on fire', priority: '6 urgent' };
// @ts-expect-error: no such field (the API answers 400)
export const typo: CreateTicketRequest = { title: 'Printer on fire', priorty: 5 };

type ListQuery = NonNullable<operations['listTickets']['parameters']['query']>;
export const filters: ListQuery = { status: ['open', 'pending reminder'], statusType: ['new'], priority: '4 high', limit: 20 };
// @ts-expect-error: not a status
export const wrongStatus: ListQuery = { status: ['sleeping'] };

/** The calls a GOTRS frontend makes, by operation. */
export async function drive(baseUrl: string): Promise<string[]> {
  const client = createClient<paths>({ baseUrl });
  const headers = { 'X-Request-Id': 'ts-client-1', 'idempotency-key': 'ts-client-create-1' };
  const created = await client.POST('/api/v1/tickets', { params: { header: headers }, body: byName });
  const id = created.data?.id ?? 'missing';
  const changed = await client.POST('/api/v1/tickets/{id}/status', { params: { path: { id } }, body: { status: 'pending', pendingUntil: '2030-01-01T09:00:00Z' } });
  const page = await client.GET('/api/v1/tickets', { params: { query: filters } });
  const problem: components['schemas']['Problem'] | undefined = changed.error;
  return [id, ...(page.data?.items.map((ticket) => `${ticket.id} ${ticket.priority}`) ?? []), problem?.code ?? ''];
}
