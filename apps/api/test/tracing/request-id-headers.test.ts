import { REQUEST_ID_HEADER, slaWorkflowId, ticketWorkflowId } from '@gotrs/contracts';
import { defaultPayloadConverter } from '@temporalio/common';
import { startApi, type TestApi } from '../support';

// No worker polls this test's task queue: what the API sent is read back from Temporal's history.
let api: TestApi;
beforeAll(async () => {
  api = await startApi({ label: 'api-request-id', createWaitMs: 200 });
});
afterAll(() => api.close());

async function startHeader(workflowId: string): Promise<unknown> {
  const history = await api.client.workflow.getHandle(workflowId).fetchHistory();
  const header = history.events?.[0]?.workflowExecutionStartedEventAttributes?.header?.fields?.[REQUEST_ID_HEADER];
  return header ? defaultPayloadConverter.fromPayload(header) : undefined;
}

const create = (headers: Record<string, string>) =>
  api.request({ method: 'POST', url: '/api/v1/tickets', payload: { title: 'Printer on fire' }, headers });

describe('the Temporal calls of a request', () => {
  it('carry its X-Request-Id in the requestId header of the workflows it starts', async () => {
    const response = await create({ 'x-request-id': 'r-123' });
    expect(response.statusCode).toBe(202);
    const { id } = response.json<{ id: string }>();
    expect(await startHeader(ticketWorkflowId(id))).toBe('r-123');
    expect(await startHeader(slaWorkflowId(id))).toBe('r-123');
  });

  it('carry the generated request ID when the caller sent none, or one that is not a token', async () => {
    const response = await create({ 'x-request-id': `r-${'9'.repeat(200)}` });
    const { id } = response.json<{ id: string }>();
    const header = await startHeader(ticketWorkflowId(id));
    expect(header).toBe(response.headers['x-request-id']);
    expect(header).toMatch(/^[0-9a-f-]{36}$/);
  });
});
