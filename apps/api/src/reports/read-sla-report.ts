import { slaReport, type SlaReportGroup, type SlaReportRow } from '@gotrs/db';
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
  const rows = await guardedRead(() => slaReport(pool, { ...range, groupBy, byWeek }));
  return { range, groupBy, rows };
}
