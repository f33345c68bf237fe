import { slaReport, sqlState, type SlaReportGroup, type SlaReportRow } from '@gotrs/db';
import { ApiError } from '../errors/api-error';
import type { Pool } from 'pg';
import { guardedRead } from '../errors/database-guard';
import { reportRange, type ReportRange } from './report-range';

/** A computed report: its range, grouping and rows. */
export interface SlaReportResult {
  range: ReportRange;
  groupBy: SlaReportGroup;
  rows: SlaReportRow[];
}

/** The SLA report a request asks for (defaults applied, range checked), by week for the chart. */
export async function readSlaReport(
  pool: Pool,
  query: { from?: string; to?: string; groupBy?: SlaReportGroup },
  byWeek = false,
): Promise<SlaReportResult> {
  const range = reportRange(query);
  const groupBy = query.groupBy ?? 'queue';
  const rows = await guardedRead(() => slaReport(pool, { ...range, groupBy, byWeek })).catch((error: unknown) => {
    // 57014 query_canceled: the statement timeout (database.statement_timeout) ended it; the same range would again.
    if (sqlState(error) !== '57014') throw error;
    throw new ApiError('report_too_large', 'the report did not finish within the statement timeout: ask for a shorter range', undefined, { cause: error });
  });
  return { range, groupBy, rows };
}
