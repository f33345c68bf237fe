import { parser } from '@prometheus-io/lezer-promql';

/** Series Prometheus makes itself for each scrape target: referenced by rules, exported by nobody. */
export const SYNTHETIC_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_series_added', 'ALERTS']);

/** Grafana's template variables, replaced by values PromQL accepts before parsing. */
function withoutTemplateVariables(expr: string): string {
  return expr.replace(/\$__(rate_)?interval/g, '5m').replace(/\$\{?([A-Za-z_]\w*)\}?/g, 'var_$1');
}

/**
 * The metric names a PromQL expression selects, parsed with Prometheus' own grammar
 * (@prometheus-io/lezer-promql): the Identifier of each VectorSelector. Throws on a syntax error.
 */
export function metricNamesOf(expression: string): string[] {
  const expr = withoutTemplateVariables(expression);
  const tree = parser.parse(expr);
  const names = new Set<string>();
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) throw new Error(`PromQL syntax error at ${cursor.from} in: ${expression}`);
    if (cursor.name === 'VectorSelector') {
      const selector = cursor.node;
      const identifier = selector.getChild('Identifier');
      if (identifier) names.add(expr.slice(identifier.from, identifier.to));
    }
  } while (cursor.next());
  return [...names];
}

/**
 * The family an exposed series belongs to: `x_bucket`, `x_sum`, `x_count` of a histogram are `x`'s.
 * `families` maps the names of `# TYPE` lines to their kind.
 */
export function isExported(name: string, families: Map<string, string>, series: Set<string>): boolean {
  if (series.has(name) || families.has(name)) return true;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  return base !== name && ['histogram', 'summary'].includes(families.get(base) ?? '');
}
