import { metricNamesOf } from './promql-metrics';

describe('metricNamesOf (the docs check)', () => {
  it('finds the selected metrics, not functions, label names, label values or keywords', () => {
    const expr = 'histogram_quantile(0.99, sum by (le, route) (rate(gotrs_http_request_duration_seconds_bucket{job="gotrs_api", route=~"up"}[5m]))) > 2 and on() up == 1';
    expect(metricNamesOf(expr).sort()).toEqual(['gotrs_http_request_duration_seconds_bucket', 'up']);
  });

  it("accepts Grafana's template variables", () => {
    expect(metricNamesOf('sum(rate(gotrs_notifications_total{instance=~"$instance"}[$__rate_interval]))')).toEqual(['gotrs_notifications_total']);
  });

  it('refuses an expression that is not PromQL, so a typo cannot hide a metric', () => {
    expect(() => metricNamesOf('sum(rate(gotrs_notifications_total[5m])')).toThrow(/syntax error/);
  });
});
