import { GOTRS_KEY_SCOPES, eventually, expectProblem, startStack, type Stack } from './support';

// Second-scale `sla` overrides on the real stack: the SLA workflow's durable timers, over HTTP.
let stack: Stack;
let alone: Ticket;
beforeAll(async () => {
  stack = await startStack({ label: 'e2e-sla' });
  await stack.startWorker();
  // Left alone from the start, so that its clocks run while the other tests do.
  alone = await createTicket({ firstResponseTime: 'PT2S', resolutionTime: 'PT4S' });
}, 60_000);
afterAll(() => stack?.close());

interface Ticket {
  id: string;
  url: string;
  createdAt: string;
}
interface Milestone {
  name: string;
  state: string;
  cycle: number;
  dueAt: string | null;
  pausedSeconds: number;
  metAt: string | null;
  breachedAt: string | null;
  [key: string]: unknown;
}
interface SlaEvent {
  type: string;
  milestone: string;
  cycle: number;
  at: string;
  dueAt: string | null;
  reason: string;
}
interface Sla {
  policy: { name: string; reason: string };
  milestones: Milestone[];
  events: SlaEvent[];
  [key: string]: unknown;
}

const post = (url: string, payload?: unknown) => stack.api.request({ method: 'POST', url, payload });
const get = (url: string) => stack.api.request({ url });
/** GOTRS reports its agents' replies with its own key, naming the agent. */
const postAsGotrs = async (url: string, payload: unknown) =>
  stack.api.request({ method: 'POST', url, payload, token: await stack.api.apiKey(GOTRS_KEY_SCOPES) });

async function createTicket(sla: Record<string, string>): Promise<Ticket> {
  const response = await post('/api/v1/tickets', { title: 'Printer on fire', sla });
  expect(response.statusCode).toBe(201);
  const { id, createdAt } = response.json();
  return { id, createdAt, url: response.headers.location! };
}

/** Polls GET /sla (404 until the SLA workflow has recorded its start) until `test` holds. */
function slaWhere(ticket: Ticket, test: (sla: Sla) => boolean, timeoutMs = 10_000): Promise<Sla> {
  return eventually(async () => {
    const response = await get(`${ticket.url}/sla`);
    if (response.statusCode === 404) return undefined;
    expect(response.statusCode).toBe(200);
    const sla = response.json() as Sla;
    return test(sla) ? sla : undefined;
  }, timeoutMs);
}

const milestone = (sla: Sla, name: string) => sla.milestones.find((m) => m.name === name)!;
const eventsOf = (sla: Sla, name: string) => sla.events.filter((e) => e.milestone === name).map((e) => e.type);
/** Resolves once the wall clock is past `createdAt + ms`. */
const after = (ticket: Ticket, ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(ticket.createdAt) + ms - Date.now())));

describe('a ticket with a second-scale SLA override', () => {
  let answered: Ticket;

  it("shows running clocks with the override's targets, and why", async () => {
    answered = await createTicket({ firstResponseTime: 'PT2S', resolutionTime: 'PT4S' });
    const sla = await slaWhere(answered, (s) => s.events.length >= 2);
    expect(sla).toMatchObject({
      policy: { name: 'standard', reason: expect.stringMatching(/^targets overridden by the request \(24x7\)/) },
      calendar: { name: '24x7', timezone: 'UTC' },
      startedAt: answered.createdAt,
    });
    expect(sla.milestones).toEqual([
      expect.objectContaining({ name: 'FirstResponse', state: 'running', target: 'PT2S', dueAt: new Date(Date.parse(answered.createdAt) + 2000).toISOString() }),
      expect.objectContaining({ name: 'Resolution', state: 'running', target: 'PT4S', dueAt: new Date(Date.parse(answered.createdAt) + 4000).toISOString() }),
    ]);
    expect(sla.events.map((e) => `${e.type} ${e.milestone}`)).toEqual(['start FirstResponse', 'start Resolution']);
  });

  it('meets FirstResponse when an agent responds before 2 s, and never breaches it', async () => {
    const response = await postAsGotrs(`${answered.url}/responses`, { agentId: 'agent-7', reason: 'replied by email' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: answered.id, status: 'new' });
    const met = await slaWhere(answered, (s) => milestone(s, 'FirstResponse').state === 'met');
    expect(Date.parse(milestone(met, 'FirstResponse').metAt!)).toBeLessThan(Date.parse(answered.createdAt) + 2000);
    expect(met.events.find((e) => e.type === 'meet')).toMatchObject({ milestone: 'FirstResponse', reason: 'agent-7 responded' });
    await after(answered, 2500);
    const later = (await get(`${answered.url}/sla`)).json() as Sla;
    expect(milestone(later, 'FirstResponse')).toMatchObject({ state: 'met', breachedAt: null });
    expect(eventsOf(later, 'FirstResponse')).toEqual(['start', 'meet']);
    const { items } = (await get(`${answered.url}/history?limit=100`)).json();
    expect(items).toContainEqual(expect.objectContaining({ action: 'responded', actor: 'agent-7', reason: 'replied by email' }));
  });

  it('breaches FirstResponse of a ticket left alone at 2 s, to the second, then escalates', async () => {
    const sla = await slaWhere(alone, (s) => eventsOf(s, 'FirstResponse').includes('escalate'));
    expect(eventsOf(sla, 'FirstResponse')).toEqual(['start', 'warn', 'breach', 'escalate']);
    const breach = sla.events.find((e) => e.type === 'breach' && e.milestone === 'FirstResponse')!;
    const dueAt = Date.parse(alone.createdAt) + 2000;
    expect(Date.parse(breach.dueAt!)).toBe(dueAt);
    const lateness = Date.parse(breach.at) - dueAt;
    expect(lateness).toBeGreaterThanOrEqual(0);
    // Never early; how late is a figure of bench:sla (a bound here would be a timing test).
    expect(milestone(sla, 'FirstResponse')).toMatchObject({ state: 'breached', breachedAt: breach.at, metAt: null });
    const { items } = (await get(`${alone.url}/history?limit=100`)).json();
    const slaRows = items.filter((e: { action: string }) => e.action === 'sla').map((e: { field: string; to: string }) => `${e.to} ${e.field}`);
    expect(slaRows).toEqual(expect.arrayContaining(['start FirstResponse', 'warn FirstResponse', 'breach FirstResponse', 'escalate FirstResponse']));
  });

  it('breaches Resolution on its own timer at 4 s', async () => {
    const sla = await slaWhere(alone, (s) => milestone(s, 'Resolution').state === 'breached');
    const lateness = Date.parse(milestone(sla, 'Resolution').breachedAt!) - (Date.parse(alone.createdAt) + 4000);
    expect(lateness).toBeGreaterThanOrEqual(0);
    // Never early; how late is a figure of bench:sla (a bound here would be a timing test).
  });
});

describe('pending statuses and the Resolution clock', () => {
  let ticket: Ticket;
  const setStatus = async (status: string, extra: Record<string, unknown> = {}) => {
    const response = await post(`${ticket.url}/status`, { status, ...extra });
    expect(response.statusCode).toBe(200);
  };

  it('pauses Resolution while pending: paused time grows and there is no breach past the target', async () => {
    ticket = await createTicket({ firstResponseTime: 'PT1H', resolutionTime: 'PT3S' });
    await setStatus('pending reminder', { pendingUntil: new Date(Date.now() + 3_600_000).toISOString() });
    const paused = milestone(await slaWhere(ticket, (s) => milestone(s, 'Resolution').state === 'paused'), 'Resolution');
    expect(paused.dueAt).toBeNull();
    const pausedSeenAt = Date.now();
    await after(ticket, 3500);
    // At least 1.5 s more of pause than the first view counted, however late that view came.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, pausedSeenAt + 1500 - Date.now())));
    const sla = (await get(`${ticket.url}/sla`)).json() as Sla;
    const later = milestone(sla, 'Resolution');
    expect(later).toMatchObject({ state: 'paused', breachedAt: null });
    expect(later.pausedSeconds).toBeGreaterThan(paused.pausedSeconds);
    expect(eventsOf(sla, 'Resolution')).toEqual(['start', 'pause']);
    // FirstResponse is not paused by pending (the policy's default), and still runs.
    expect(milestone(sla, 'FirstResponse').state).toBe('running');
  });

  it('resumes Resolution when the ticket goes back to open, with a new due time', async () => {
    const reopenedAt = Date.now();
    await setStatus('open');
    const sla = await slaWhere(ticket, (s) => milestone(s, 'Resolution').state === 'running');
    expect(eventsOf(sla, 'Resolution')).toEqual(['start', 'pause', 'resume']);
    expect(Date.parse(milestone(sla, 'Resolution').dueAt!)).toBeGreaterThan(reopenedAt + 1000);
  });

  it('meets Resolution when the ticket is closed', async () => {
    await setStatus('closed');
    const sla = await slaWhere(ticket, (s) => milestone(s, 'Resolution').state === 'met');
    expect(milestone(sla, 'Resolution')).toMatchObject({ breachedAt: null, metAt: expect.any(String) });
    expect(sla.events.find((e) => e.type === 'meet' && e.milestone === 'Resolution')!.reason).toMatch(/resolved/);
    expectProblem(await postAsGotrs(`${ticket.url}/responses`, { agentId: 'agent-7' }), 409, 'ticket_closed');
  });
});

describe('a closed ticket reopened', () => {
  let ticket: Ticket;
  let reopenedAt: number;

  it('restarts Resolution as cycle 2 under the same plan, and says so in the SLA view', async () => {
    ticket = await createTicket({ firstResponseTime: 'PT1H', resolutionTime: 'PT4S' });
    expect((await post(`${ticket.url}/status`, { status: 'closed' })).statusCode).toBe(200);
    await slaWhere(ticket, (s) => milestone(s, 'Resolution').state === 'met');
    const response = await post(`${ticket.url}/reopen`, { reason: 'customer replied' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'open' });
    const sla = await slaWhere(ticket, (s) => milestone(s, 'Resolution').cycle === 2);
    const start = sla.events.find((e) => e.type === 'start' && e.milestone === 'Resolution' && e.cycle === 2)!;
    expect(start.reason).toBe('ticket reopened');
    reopenedAt = Date.parse(start.at);
    expect(sla).toMatchObject({ reopens: 1, reopenedAt: start.at, startedAt: ticket.createdAt, policy: { name: 'standard' } });
    expect(milestone(sla, 'Resolution')).toMatchObject({
      state: 'running', cycle: 2, target: 'PT4S', metAt: null, breachedAt: null, dueAt: new Date(reopenedAt + 4000).toISOString(),
    });
    // FirstResponse is not restarted; the earlier cycle's events are all still there.
    expect(milestone(sla, 'FirstResponse')).toMatchObject({ cycle: 1, state: 'met' });
    expect(eventsOf(sla, 'Resolution')).toEqual(['start', 'meet', 'start']);
  });

  it('breaches the new Resolution cycle on its own timer, 4 s after the reopen, keeping its dueAt', async () => {
    const sla = await slaWhere(ticket, (s) => eventsOf(s, 'Resolution').includes('escalate'));
    const breach = sla.events.find((e) => e.type === 'breach' && e.milestone === 'Resolution')!;
    expect(breach).toMatchObject({ cycle: 2, dueAt: new Date(reopenedAt + 4000).toISOString() });
    const lateness = Date.parse(breach.at) - (reopenedAt + 4000);
    expect(lateness).toBeGreaterThanOrEqual(0);
    // Never early; how late is a figure of bench:sla (a bound here would be a timing test).
    expect(milestone(sla, 'Resolution')).toMatchObject({ cycle: 2, breachedAt: breach.at, dueAt: breach.dueAt });
    const { items } = (await get(`${ticket.url}/history?limit=100`)).json();
    const rows = items.filter((e: { action: string; field: string }) => e.action === 'sla' && e.field === 'Resolution').map((e: { to: string }) => e.to);
    expect(rows).toEqual(['start', 'meet', 'start', 'warn', 'breach', 'escalate']);
  });
});
