import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const DOCS = resolve(__dirname, '..', '..', 'docs');
export const ALERTS_FILE = resolve(DOCS, 'prometheus/gotrs-alerts.yaml');
export const DASHBOARD_FILE = resolve(DOCS, 'grafana/gotrs-dashboard.json');

/** One PromQL expression of the docs, and where it is. */
export interface Reference {
  where: string;
  expr: string;
}

interface Rule {
  alert?: string;
  expr?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string };
}

/** Every alert rule's expression; throws on a rule without a name, an expression, a severity or a summary. */
export function alertExpressions(): Reference[] {
  const file = parse(readFileSync(ALERTS_FILE, 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> };
  return file.groups.flatMap((group) =>
    group.rules.map((rule) => {
      if (!rule.alert || !rule.expr || !rule.labels?.severity || !rule.annotations?.summary) {
        throw new Error(`a rule of group ${group.name} lacks alert, expr, labels.severity or annotations.summary: ${JSON.stringify(rule)}`);
      }
      return { where: `alert ${rule.alert}`, expr: rule.expr };
    }),
  );
}

interface Panel {
  title?: string;
  targets?: Array<{ expr?: string }>;
  panels?: Panel[];
}

/** Every target expression of the dashboard's panels (rows included). */
export function dashboardExpressions(): Reference[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as { panels: Panel[] };
  const walk = (panels: Panel[]): Reference[] =>
    panels.flatMap((panel) => [
      ...(panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr ?? '' })),
      ...walk(panel.panels ?? []),
    ]);
  return walk(dashboard.panels);
}
