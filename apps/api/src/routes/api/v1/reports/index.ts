import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readSlaReport } from '../../../../reports/read-sla-report';
import { reportFormat } from '../../../../reports/media-type';
import { slaReportCsv } from '../../../../reports/report-csv';
import { slaChartPage } from '../../../../reports/sla-chart';
import { Ref, problem } from '../../../../schemas/responses';
import { SlaReportPageQuery, SlaReportQuery, type ApiSlaReport } from '../../../../schemas/sla-report';

/** Where this folder is mounted. */
export const REPORTS_PATH = '/api/v1/reports';

const RANGE =
  'A report counts milestone cycles whose clock started in [`from`, `to`): a ticket\'s first cycles start at its creation, each ' +
  'Update cycle at the response that ended the one before, and the cycles of a reopen at the reopen. A cycle is met (in time), ' +
  'breached (whether met afterwards or not) or still running, as the ticket\'s SLA view says; a close meets the cycles it ends.';

const BAD_QUERY = problem(400, 'An unknown `groupBy`, `format` or other parameter, or a malformed instant (`validation_failed`); `from` not before `to`, or more than 366 days apart (`invalid_report_range`).');
const UNAVAILABLE = problem(503, 'PostgreSQL is unavailable (`database_unavailable`).');
const TOO_LARGE = problem(422, 'The report did not finish within the statement timeout (`report_too_large`): ask for a shorter range.');

const plugin: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/sla',
    {
      config: { requires: 'reports.sla' },
      schema: {
        tags: ['Reports'],
        operationId: 'getSlaReport',
        summary: 'SLA compliance per group and milestone',
        description:
          `${RANGE} Per group and milestone: tickets, cycles met, breached and running, compliance (met / (met + breached)), the median ` +
          'and 90th percentile business time to meet, and the median business time past the target of breached cycles met since. ' +
          'As JSON, or as CSV (RFC 4180, a header row named like the JSON fields, CRLF) with `format=csv` or `Accept: text/csv`; in ' +
          'CSV, a group value starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `\'` so that spreadsheets ' +
          'do not take it for a formula.',
        querystring: SlaReportQuery,
        response: {
          200: {
            description: 'The report.',
            headers: { vary: { type: 'string', description: '`Accept`: the format may depend on it.' } },
            content: {
              'application/json': { schema: Ref<ApiSlaReport>('SlaReport') },
              'text/csv': { schema: { type: 'string', description: 'The rows as CSV with a header row.' } },
            },
          },
          400: BAD_QUERY,
          422: TOO_LARGE,
          503: UNAVAILABLE,
        },
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const { range, groupBy, rows } = await readSlaReport(fastify.pg, query);
      const report: ApiSlaReport = { from: range.from.toISOString(), to: range.to.toISOString(), groupBy, rows };
      reply.header('vary', 'Accept');
      if (reportFormat(format, request.headers.accept) === 'json') return report;
      return reply
        .type('text/csv; charset=utf-8; header=present')
        .header('content-disposition', `attachment; filename="sla-report-${groupBy}.csv"`)
        .send(slaReportCsv(report));
    },
  );

  fastify.get(
    '/sla.html',
    {
      config: { requires: 'reports.sla' },
      schema: {
        tags: ['Reports'],
        operationId: 'getSlaReportPage',
        summary: 'SLA compliance per group over time, as a page',
        description:
          `${RANGE} One chart per milestone: compliance per group (the eight busiest) and UTC week (from Monday), drawn as SVG ` +
          'inside HTML by the server: no script, nothing else fetched.',
        querystring: SlaReportPageQuery,
        response: {
          200: { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } },
          400: BAD_QUERY,
          422: TOO_LARGE,
          503: UNAVAILABLE,
        },
      },
    },
    async (request, reply) => {
      const { range, groupBy, rows } = await readSlaReport(fastify.pg, request.query, true);
      return reply.type('text/html; charset=utf-8').send(slaChartPage(rows, range, groupBy));
    },
  );
};

export default plugin;
