import type { ApiSlaReport } from '../schemas/sla-report';

/** The CSV columns, named as the JSON row's fields. */
export const SLA_REPORT_COLUMNS = [
  'group', 'milestone', 'tickets', 'met', 'breached', 'running', 'compliance', 'medianSecondsToMeet', 'p90SecondsToMeet', 'medianSecondsLate',
] as const;

/**
 * Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, and a leading tab or carriage
 * return, as OWASP lists them) is prefixed with `'`, which spreadsheets show as text.
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = defused(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The report as RFC 4180 CSV: a header row, one line per row, CRLF line ends; nulls are empty fields. */
export function slaReportCsv(report: ApiSlaReport): string {
  const lines = [SLA_REPORT_COLUMNS.join(','), ...report.rows.map((row) => SLA_REPORT_COLUMNS.map((column) => field(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
