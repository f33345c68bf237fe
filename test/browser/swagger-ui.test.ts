import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import pino from 'pino';
import { startApi, type TestApi } from '../../apps/api/test/support';
import { CHROMIUM_ARGS, findChromium } from './chromium';

// The first run on a fresh machine installs Debian's chromium (a minute or two).
jest.setTimeout(120_000);

/** An API key's shape; the API may refuse it, the point is what the browser sends. */
const TOKEN = `gotrs_${'Br0wserTestKey'.repeat(3)}x`;

interface Violations {
  csp: string[];
  console: string[];
}

let api: TestApi;
let frontend: Server;
let frontendPort: number;
let context: BrowserContext;
let profile: string;

/** The API's log lines: the one witness of what it answered a request whose answer the page may not read. */
const logLines: Array<{ msg?: string; requestId?: string; req?: { method: string; url: string }; res?: { statusCode: number } }> = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

/** A page of "the GOTRS frontend": any page served from another origin than the API's. */
function startFrontend(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>GOTRS</title><p>frontend</p>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  const executablePath = findChromium();
  frontend = await startFrontend();
  frontendPort = (frontend.address() as { port: number }).port;
  api = await startApi({ label: 'browser', corsOrigins: [`http://127.0.0.1:${frontendPort}`], logger: pino({ level: 'info' }, logSink) });
  profile = mkdtempSync(join(tmpdir(), 'gotrs-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS });
}, 600_000);

afterAll(async () => {
  await context?.close();
  await api?.close();
  await new Promise((resolve) => frontend?.close(resolve));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** A new page that records every CSP violation (the DOM event and Chromium's console report). */
async function watchedPage(): Promise<{ page: Page; violations: Violations }> {
  const page = await context.newPage();
  const violations: Violations = { csp: [], console: [] };
  await page.exposeFunction('reportCspViolation', (text: string) => violations.csp.push(text));
  // Runs in the page (a string: the tests are compiled without the DOM's types).
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' blocked ' + e.blockedURI));",
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.console.push(message.text());
  });
  return { page, violations };
}

/**
 * The bearer scheme comes with the routes' security requirements (the auth wiring). Where the
 * document has none yet, the browser is handed the document with that scheme added, so that the
 * UI's Authorize flow runs under the real page and CSP all the same.
 */
async function withBearerScheme(page: Page): Promise<boolean> {
  const declared = Object.keys((api.app.swagger() as { components?: { securitySchemes?: object } }).components?.securitySchemes ?? {});
  if (declared.length > 0) return false;
  await page.route('**/docs/json', async (route) => {
    const response = await route.fetch();
    const document = await response.json();
    document.components = { ...document.components, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A GOTRS token or an API key.' } } };
    document.security = [{ bearerAuth: [] }];
    await route.fulfill({ response, json: document });
  });
  return true;
}

async function tryGetTicket(page: Page, id: string): Promise<Record<string, string>> {
  const operation = page.locator('.opblock-get').filter({ has: page.locator('[data-path="/api/v1/tickets/{id}"]') });
  if (!(await operation.locator('.try-out__btn').isVisible())) await operation.locator('.opblock-summary').click();
  const tryOut = operation.locator('.try-out__btn');
  if ((await tryOut.textContent())?.includes('Try it out')) await tryOut.click();
  await operation.locator('tr[data-param-name="id"] input').fill(id);
  const sent = page.waitForRequest((request) => request.url().endsWith(`/api/v1/tickets/${id}`));
  await operation.locator('button.execute').click();
  return (await sent).headers();
}

describe('Swagger UI at /docs in Chromium', () => {
  it('renders every operation under the CSP, with nothing blocked', async () => {
    const { page, violations } = await watchedPage();
    const response = await page.goto(`${api.url}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.opblock').first().waitFor();
    const paths = await page.locator('.opblock-summary-path').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-path')));
    const documented = Object.entries((api.app.swagger() as { paths: Record<string, object> }).paths).flatMap(([path, ops]) => Object.keys(ops).map(() => path));
    expect(paths.sort()).toEqual(documented.sort());
    await page.screenshot({ path: join(tmpdir(), 'gotrs-docs.png'), fullPage: false });
    expect(violations).toEqual({ csp: [], console: [] });
    await page.close();
  });

  it('takes a token in "Authorize", keeps it across a reload, and "Try it out" sends it as a bearer', async () => {
    const { page, violations } = await watchedPage();
    const added = await withBearerScheme(page);
    process.stderr.write(`[browser test] bearer scheme: ${added ? 'added to the document in the browser (the document declares none yet)' : 'the document\'s own'}\n`);
    await page.goto(`${api.url}/docs`);
    await page.locator('button.authorize').first().click();
    const dialog = page.locator('.dialog-ux .modal-ux');
    await dialog.waitFor();
    await dialog.locator('input').first().fill(TOKEN);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done').click();

    expect((await tryGetTicket(page, 'browser-probe-1')).authorization).toBe(`Bearer ${TOKEN}`);
    await page.reload();
    await page.locator('.opblock').first().waitFor();
    expect((await tryGetTicket(page, 'browser-probe-2')).authorization).toBe(`Bearer ${TOKEN}`);
    expect(violations).toEqual({ csp: [], console: [] });
    await page.close();
  });
});

describe('the API seen from a page of another origin, in Chromium', () => {
  async function fetchFrom(origin: string) {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    const result = await page.evaluate(async (base) => {
      try {
        const response = await fetch(`${base}/api/v1/tickets/cors-probe`, { headers: { Authorization: 'Bearer gotrs_x', 'X-Request-Id': 'from-the-frontend' } });
        return { status: response.status, requestId: response.headers.get('x-request-id'), type: response.headers.get('content-type') };
      } catch (error) {
        return { error: String(error) };
      }
    }, api.url);
    return { page, result };
  }

  it('lets the allowed origin call it with a bearer token (preflight and all) and read the answer', async () => {
    const { page, result } = await fetchFrom(`http://127.0.0.1:${frontendPort}`);
    expect(result).toMatchObject({ requestId: 'from-the-frontend', type: expect.stringMatching(/^application\/problem\+json/) });
    await page.close();
  });

  it('lets no other origin read it', async () => {
    const { page, result } = await fetchFrom(`http://localhost:${frontendPort}`);
    expect(result).toEqual({ error: expect.stringMatching(/Failed to fetch/) });
    await page.close();
  });

  it('refuses the "simple" POST a page of any origin can send without a preflight, and the page reads nothing', async () => {
    const page = await context.newPage();
    await page.goto(`http://localhost:${frontendPort}/`);
    const failures: string[] = [];
    page.on('requestfailed', (request) => failures.push(request.failure()?.errorText ?? 'failed'));
    const path = '/api/v1/tickets/t-no-cors/reopen';
    const outcome = await page.evaluate(
      ([base, url]) => fetch(`${base}${url}`, { method: 'POST', mode: 'no-cors', body: '{"reason":"cross-site"}' }).then((r) => r.type, (e) => String(e)),
      [api.url, path] as const,
    );
    // Cross-Origin-Resource-Policy: same-origin keeps even the opaque answer from the page.
    expect({ outcome, failures }).toEqual({ outcome: 'TypeError: Failed to fetch', failures: ['net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin'] });
    const incoming = logLines.find((line) => line.msg === 'incoming request' && line.req?.method === 'POST' && line.req.url === path);
    expect(incoming).toBeDefined();
    const completed = logLines.find((line) => line.msg === 'request completed' && line.requestId === incoming!.requestId);
    // It cannot carry credentials (that takes a preflight): 401 before its body is read. With a token it
    // would still be 415 (apps/api/test/plugins/app/json-writes.test.ts).
    expect(completed?.res?.statusCode).toBe(401);
    await page.close();
  });
});
