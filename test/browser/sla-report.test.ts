/**
 * The SLA report page (GET /api/v1/reports/sla.html) in Debian's headless Chromium: drawn under the
 * API's Content-Security-Policy with nothing blocked and no script, one point per group and week that
 * has a compliance, labels shown as text (a queue named like markup stays text), and a screenshot that
 * is a PNG of the viewport with something drawn on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { FORMULA_QUEUE, MINUTE, respond, seedKnownSet, seedTicket } from '../../apps/api/test/reports/sla-seed';
import { startApi, tokenFor, type TestApi } from '../../apps/api/test/support';
import { CHROMIUM_ARGS, findChromium } from './chromium';

jest.setTimeout(120_000);

const MARKUP_QUEUE = '<script>alert(1)</script>';
const URL_PATH = '/api/v1/reports/sla.html?from=2002-03-04T00:00:00Z&to=2002-03-18T00:00:00Z&groupBy=queue';
const VIEWPORT = { width: 800, height: 1000 };

let api: TestApi;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  const executablePath = findChromium();
  api = await startApi({ label: 'browser-sla-report' });
  // Two weeks of the known set (the second one's week-before ticket falls in the first), and a queue named like markup.
  await seedKnownSet(api.pool, '2002-03-04');
  await seedKnownSet(api.pool, '2002-03-11');
  await seedTicket(api.pool, '2002-03-05T09:00:00.000Z', { queue: MARKUP_QUEUE, steps: [respond(15 * MINUTE)] });
  profile = mkdtempSync(join(tmpdir(), 'gotrs-chromium-report-'));
  context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT });
}, 600_000);

afterAll(async () => {
  await context?.close();
  await api?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** The report page as an Agent opens it, with every CSP violation and page error recorded. */
async function openReport(): Promise<{ page: Page; problems: string[]; status: number | undefined; csp: string | undefined }> {
  const page = await context.newPage();
  const problems: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => problems.push(text));
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(e.violatedDirective + ' blocked ' + e.blockedURI));",
  });
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.setExtraHTTPHeaders({ authorization: `Bearer ${await tokenFor('Agent')}` });
  const response = await page.goto(`${api.url}${URL_PATH}`);
  return { page, problems, status: response?.status(), csp: response?.headers()['content-security-policy'] };
}

/** Per milestone: its points, its lines, the legend's labels and the points' tooltips. */
const DRAWN = `[...document.querySelectorAll('section[data-milestone]')].map((s) => ({
  milestone: s.dataset.milestone,
  points: s.querySelectorAll('circle.point').length,
  lines: s.querySelectorAll('polyline.series').length,
  legend: [...s.querySelectorAll('.legend li')].map((li) => li.textContent),
  tips: [...s.querySelectorAll('circle.point title')].map((t) => t.textContent),
}))`;

/** Pixels of a PNG (a data URL) that are not white, counted by drawing it on a canvas in a blank page. */
const COUNT_INK = `async (url) => {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) ink++;
  return { width: image.width, height: image.height, ink };
}`;

describe('GET /api/v1/reports/sla.html in Chromium', () => {
  it('draws one point per group and week with a compliance, a line per group with two, under the CSP', async () => {
    const { page, problems, status, csp } = await openReport();
    expect([status, csp]).toEqual([200, expect.stringContaining("script-src 'self'")]);
    expect(await page.evaluate('document.querySelectorAll("script").length')).toBe(0);
    expect(await page.evaluate(DRAWN)).toEqual([
      {
        milestone: 'FirstResponse', points: 5, lines: 2, legend: ['Support', FORMULA_QUEUE, MARKUP_QUEUE],
        tips: [
          'Support, week of 2002-03-04: 75% (3 met, 1 breached)', 'Support, week of 2002-03-11: 66.7% (2 met, 1 breached)',
          `${FORMULA_QUEUE}, week of 2002-03-04: 100% (1 met, 0 breached)`, `${FORMULA_QUEUE}, week of 2002-03-11: 100% (1 met, 0 breached)`,
          `${MARKUP_QUEUE}, week of 2002-03-04: 100% (1 met, 0 breached)`,
        ],
      },
      {
        milestone: 'Resolution', points: 2, lines: 1, legend: ['Support'],
        tips: ['Support, week of 2002-03-04: 50% (1 met, 1 breached)', 'Support, week of 2002-03-11: 50% (1 met, 1 breached)'],
      },
      {
        milestone: 'Update', points: 2, lines: 1, legend: ['Updates'],
        tips: ['Updates, week of 2002-03-04: 50% (1 met, 1 breached)', 'Updates, week of 2002-03-11: 50% (1 met, 1 breached)'],
      },
    ]);
    // Higher compliance is drawn higher: 75% above 66.7%.
    const heights = await page.evaluate("[...document.querySelectorAll('section[data-milestone=\"FirstResponse\"] g.group')[0].querySelectorAll('circle')].map((c) => Number(c.getAttribute('cy')))") as number[];
    expect(heights[0]!).toBeLessThan(heights[1]!);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('takes a screenshot of the viewport with the charts on it', async () => {
    const { page } = await openReport();
    const png = await page.screenshot({ path: join(tmpdir(), 'gotrs-sla-report.png') });
    await page.close();
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    const blank = await context.newPage();
    const drawn = (await blank.evaluate(`(${COUNT_INK})(${JSON.stringify(`data:image/png;base64,${png.toString('base64')}`)})`)) as { width: number; height: number; ink: number };
    await blank.close();
    expect({ width: drawn.width, height: drawn.height }).toEqual(VIEWPORT);
    // Text, axes, three charts' lines and points: thousands of pixels that are not white (a blank page has none).
    expect(drawn.ink).toBeGreaterThan(5000);
  });

  it('answers a Customer 403 and no credentials 401, as problem+json', async () => {
    const customer = await api.request({ url: URL_PATH, token: await tokenFor('Customer') });
    const anonymous = await api.request({ url: URL_PATH, token: null });
    expect([customer.statusCode, customer.json().code, anonymous.statusCode, anonymous.json().code]).toEqual([403, 'forbidden', 401, 'unauthorized']);
  });
});
