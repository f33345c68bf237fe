/** How `bench:api` prints its figures: aligned tables, one per question the issue asks. */
import type { PhaseResult } from './closed-phases';
import { latencySummary, percentile, say, shareSummary, table } from './figures';
import type { HistoryFigures, TicketHistory } from './history-events';
import type { OpenLoopResult, RequestKind } from './open-loop';

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');

/** Throughput of the closed phases, and each one's ratio to the bare starts. */
export function printThroughput(phases: PhaseResult[]): void {
  const bare = phases[0]!;
  const ceiling = bare.count / bare.drainedSeconds;
  const rows = [['phase', 'n', 'calls/s', 'drained/s', 'vs bare', 'not 201', 'load after']];
  for (const phase of phases) {
    const drained = phase.count / phase.drainedSeconds;
    const failures = Object.entries(phase.failures).map(([status, n]) => `${status}:${n}`).join(' ') || '0';
    rows.push([phase.name, String(phase.count), fixed(phase.count / phase.callSeconds), fixed(drained), `${fixed(drained / ceiling, 2)}x`, failures, phase.load]);
  }
  table(rows).forEach((line) => say(`  ${line}`));
  const [, client, gateway] = phases;
  if (client && gateway) {
    const ratio = gateway.count / gateway.drainedSeconds / (client.count / client.drainedSeconds);
    say(`  gateway vs the same work through the client: ${fixed(ratio, 2)}x (tickets with row + SLA per s, drain counted)`);
  }
}

function share(answers: OpenLoopResult['answers'][RequestKind], status: number): string {
  if (answers.length === 0) return '-';
  return `${fixed((100 * answers.filter((a) => a.status === status).length) / answers.length, 0)}%`;
}

/** One line per rate and kind: p50, p99, max, and the share of 201/202/503 (others listed apart). */
export function printOpenLoop(results: OpenLoopResult[]): void {
  const rows = [['rate', 'kind', 'n', 'p50 ms', 'p99 ms', 'max ms', '2xx', '201', '202', '503', 'other']];
  for (const result of results) {
    for (const kind of ['create', 'assign', 'get', 'list'] as RequestKind[]) {
      const answers = result.answers[kind];
      const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
      const other = answers.filter((a) => typeof a.status !== 'number' || (a.status >= 300 && a.status !== 503));
      const ok = answers.filter((a) => typeof a.status === 'number' && a.status < 300).length;
      rows.push([
        `${result.rate}/s`, kind, String(answers.length), fixed(percentile(sorted, 50), 0), fixed(percentile(sorted, 99), 0), fixed(sorted.at(-1) ?? NaN, 0),
        answers.length ? `${fixed((100 * ok) / answers.length, 0)}%` : '-',
        kind === 'create' ? share(answers, 201) : '', kind === 'create' ? share(answers, 202) : '', share(answers, 503),
        other.length ? shareSummary(other.map((a) => a.status)) : '0',
      ]);
    }
  }
  table(rows).forEach((line) => say(`  ${line}`));
  for (const result of results) {
    say(`  ${result.rate}/s for ${result.seconds} s: client start lag max ${fixed(result.maxStartLagMs, 0)} ms; ${result.load} after`);
  }
}

function typesLine(types: [string, number][]): string {
  return types.map(([type, n]) => `${n} ${type}`).join(', ');
}

function historyRows(label: string, history: TicketHistory): string[] {
  return [label, String(history.lifecycle), String(history.sla), String(history.lifecycle + history.sla)];
}

/** History events per ticket, with what they are. */
export function printHistory(figures: HistoryFigures): void {
  table([
    ['created ticket', 'lifecycle', 'SLA', 'total'],
    historyRows('without customer', figures.withoutCustomer),
    historyRows('with customer', figures.withCustomer),
  ]).forEach((line) => say(`  ${line}`));
  say(`  NotificationWorkflows started per ticket with a customer: ${fixed(figures.notificationsPerCustomerTicket, 1)}`);
  say(`  lifecycle (no customer): ${typesLine(figures.withoutCustomer.lifecycleTypes)}`);
  say(`  SLA: ${typesLine(figures.withoutCustomer.slaTypes)}`);
}

/** CPU seconds per 1,000 tickets of each process in the client and gateway phases, and the machine's share. */
export function printCpu(phases: PhaseResult[], cores: number): void {
  const measured = phases.filter((phase) => phase.ids.length > 0);
  const names = Object.keys(measured[0]?.cpu ?? {});
  const rows = [['CPU s per 1,000 tickets', ...measured.map((phase) => phase.name.replace(/^(the same work )?via /, ''))]];
  for (const name of names) rows.push([name, ...measured.map((phase) => fixed((1000 * phase.cpu[name]!) / phase.count, 0))]);
  rows.push(['all', ...measured.map((phase) => fixed((1000 * Object.values(phase.cpu).reduce((a, b) => a + b, 0)) / phase.count, 0))]);
  rows.push([`share of ${cores} cores during the phase`, ...measured.map((phase) => `${fixed((100 * Object.values(phase.cpu).reduce((a, b) => a + b, 0)) / (phase.drainedSeconds * cores), 0)}%`)]);
  table(rows).forEach((line) => say(`  ${line}`));
}

export { latencySummary };
