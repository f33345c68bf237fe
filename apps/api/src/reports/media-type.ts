/** The media types a report is offered in. */
export type ReportFormat = 'json' | 'csv';

const OFFERED: Record<string, ReportFormat> = { 'application/json': 'json', 'text/csv': 'csv' };

/** The weight `accept` gives `type` (`text/csv`): its own entry, else `text/*`, else `*\/*`; 0 when none. */
function weight(entries: Array<{ range: string; q: number }>, type: string): number {
  const [major] = type.split('/');
  const match = entries.find((e) => e.range === type) ?? entries.find((e) => e.range === `${major}/*`) ?? entries.find((e) => e.range === '*/*');
  return match?.q ?? 0;
}

/**
 * `format` when given, else what `Accept` prefers between JSON and CSV (JSON on a tie, without the
 * header, or when it names neither: the problem+json of a 406 would be no more use to the caller).
 */
export function reportFormat(format: ReportFormat | undefined, accept: string | undefined): ReportFormat {
  if (format) return format;
  if (!accept) return 'json';
  const entries = accept.split(',').map((part) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    return { range, q: Number.isFinite(value) ? value : 0 };
  });
  const csv = weight(entries, 'text/csv');
  return csv > 0 && csv > weight(entries, 'application/json') ? OFFERED['text/csv']! : 'json';
}
