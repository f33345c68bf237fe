import type { SlaReportGroup, SlaReportRow } from '@gotrs/db';
import type { ReportRange } from './report-range';

/** Groups drawn per milestone, the busiest first; the rest are named in a note. */
export const MAX_CHART_GROUPS = 8;

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const WIDTH = 760;
const HEIGHT = 280;
const PLOT = { left: 56, right: WIDTH - 44, top: 16, bottom: HEIGHT - 48 };
const WEEK_MS = 7 * 86_400_000;
const MILESTONE_ORDER = ['FirstResponse', 'Resolution', 'Update'];

/** Text for HTML and SVG content and attribute values. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const label = (group: string | null) => group ?? '(none)';
const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;

/** Mondays (UTC, `YYYY-MM-DD`) of every week the range touches, as the report's `week` names them. */
export function weeksOf(range: ReportRange): string[] {
  const first = new Date(range.from);
  first.setUTCHours(0, 0, 0, 0);
  first.setUTCDate(first.getUTCDate() - ((first.getUTCDay() + 6) % 7));
  const weeks: string[] = [];
  for (let t = first.getTime(); t < range.to.getTime(); t += WEEK_MS) weeks.push(new Date(t).toISOString().slice(0, 10));
  return weeks;
}

interface Series {
  group: string | null;
  color: string;
  points: Array<{ week: string; row: SlaReportRow }>;
}

/** The busiest groups of one milestone (by met + breached), each with its weeks that have a compliance. */
function seriesOf(rows: SlaReportRow[]): { series: Series[]; hidden: number } {
  const totals = new Map<string | null, number>();
  for (const row of rows) totals.set(row.group, (totals.get(row.group) ?? 0) + row.met + row.breached);
  const groups = [...totals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0])));
  const series = groups.slice(0, MAX_CHART_GROUPS).map(([group], i) => ({
    group,
    color: COLORS[i % COLORS.length]!,
    points: rows.filter((r) => r.group === group && r.compliance !== null).map((row) => ({ week: row.week!, row })),
  }));
  return { series, hidden: groups.length - series.length };
}

function axes(weeks: string[]): string {
  const x = (i: number) => PLOT.left + (weeks.length === 1 ? (PLOT.right - PLOT.left) / 2 : (i * (PLOT.right - PLOT.left)) / (weeks.length - 1));
  const every = Math.max(1, Math.ceil(weeks.length / 8));
  const grid = [0, 0.5, 1].map((v) => {
    const y = PLOT.bottom - v * (PLOT.bottom - PLOT.top);
    return `<line class="grid" x1="${PLOT.left}" x2="${PLOT.right}" y1="${y}" y2="${y}"/><text class="axis" x="${PLOT.left - 6}" y="${y + 4}" text-anchor="end">${v * 100}%</text>`;
  });
  const ticks = weeks.map((week, i) => (i % every === 0 ? `<text class="axis week" x="${x(i)}" y="${PLOT.bottom + 18}" text-anchor="middle">${week}</text>` : ''));
  return grid.join('') + ticks.join('');
}

function chart(milestone: string, rows: SlaReportRow[], weeks: string[]): string {
  const { series, hidden } = seriesOf(rows);
  const x = (week: string) => {
    const i = weeks.indexOf(week);
    return PLOT.left + (weeks.length === 1 ? (PLOT.right - PLOT.left) / 2 : (i * (PLOT.right - PLOT.left)) / (weeks.length - 1));
  };
  const y = (value: number) => PLOT.bottom - value * (PLOT.bottom - PLOT.top);
  const drawn = series.map((s) => {
    const coords = s.points.map((p) => `${x(p.week).toFixed(1)},${y(p.row.compliance!).toFixed(1)}`);
    const line = s.points.length > 1 ? `<polyline class="series" points="${coords.join(' ')}" stroke="${s.color}"/>` : '';
    const dots = s.points.map((p, i) => {
      const tip = `${label(s.group)}, week of ${p.week}: ${percent(p.row.compliance!)} (${p.row.met} met, ${p.row.breached} breached)`;
      const [cx, cy] = coords[i]!.split(',');
      return `<circle class="point" cx="${cx}" cy="${cy}" r="4" fill="${s.color}"><title>${escapeMarkup(tip)}</title></circle>`;
    });
    return `<g class="group" data-group="${escapeMarkup(label(s.group))}">${line}${dots.join('')}</g>`;
  });
  const legend = series.map((s) => `<li><span class="swatch" style="background:${s.color}"></span>${escapeMarkup(label(s.group))}</li>`);
  const more = hidden > 0 ? `<p class="note">${hidden} more groups are not drawn; the JSON and CSV reports have them all.</p>` : '';
  const empty = series.length === 0 ? `<p class="note">No cycle of ${escapeMarkup(milestone)} was met or breached in this range.</p>` : '';
  return `<section class="milestone" data-milestone="${escapeMarkup(milestone)}"><h2>${escapeMarkup(milestone)}</h2>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeMarkup(`${milestone} compliance per week`)}">${axes(weeks)}${drawn.join('')}</svg>
<ul class="legend">${legend.join('')}</ul>${more}${empty}</section>`;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:16px;color:#222;background:#fff}h1{font-size:18px}h2{font-size:15px;margin:16px 0 4px}
.grid{stroke:#ddd}.axis{font-size:11px;fill:#555}.series{fill:none;stroke-width:2}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:12px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}.note{color:#666}`;

/**
 * SLA compliance per group and UTC week, one chart per milestone, as one HTML page with inline SVG:
 * no script, nothing fetched (the API's Content-Security-Policy allows it as it is). Every label is
 * escaped; a week without a met or breached cycle of a group has no point.
 */
export function slaChartPage(rows: SlaReportRow[], range: ReportRange, groupBy: SlaReportGroup): string {
  const weeks = weeksOf(range);
  const milestones = [...new Set(rows.map((r) => r.milestone))].sort((a, b) => MILESTONE_ORDER.indexOf(a) - MILESTONE_ORDER.indexOf(b));
  const title = `SLA compliance by ${groupBy}, ${range.from.toISOString()} to ${range.to.toISOString()}`;
  const body = milestones.length ? milestones.map((m) => chart(m, rows.filter((r) => r.milestone === m), weeks)).join('\n') : '<p class="note">No SLA cycle started in this range.</p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeMarkup(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeMarkup(title)}</h1><p class="note">Share of cycles met in time among those met or breached, by the week (UTC, from Monday) their clock started.</p>
${body}</body></html>
`;
}
