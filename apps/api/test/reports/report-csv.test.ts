import { slaReportCsv } from '../../src/reports/report-csv';
import type { ApiSlaReport } from '../../src/schemas/sla-report';

const row = (group: string | null) => ({
  group, milestone: 'FirstResponse', tickets: 2, met: 1, breached: 1, running: 0, compliance: 0.5,
  medianSecondsToMeet: 12.5, p90SecondsToMeet: 12.5, medianSecondsLate: null,
});
const csv = (...groups: Array<string | null>) =>
  slaReportCsv({ from: '', to: '', groupBy: 'queue', rows: groups.map(row) } as ApiSlaReport).split('\r\n').slice(1, -1).map((line) => line.split(',FirstResponse,')[0]);

describe('slaReportCsv', () => {
  it('writes a header row and CRLF line ends, nulls as empty fields', () => {
    expect(slaReportCsv({ from: '', to: '', groupBy: 'queue', rows: [row('Support')] })).toBe(
      'group,milestone,tickets,met,breached,running,compliance,medianSecondsToMeet,p90SecondsToMeet,medianSecondsLate\r\n' +
        'Support,FirstResponse,2,1,1,0,0.5,12.5,12.5,\r\n',
    );
  });

  it('prefixes with a quote text a spreadsheet would take for a formula', () => {
    expect(csv('=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'a=b', null)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "\"'\rx\"", 'a=b', '']);
  });

  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csv('a,b', 'say "hi"', 'two\nlines')).toEqual(['"a,b"', '"say ""hi"""', '"two\nlines"']);
  });
});
