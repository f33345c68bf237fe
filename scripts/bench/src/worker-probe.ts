/** What the worker's /metrics says (Prometheus text): the sum of one metric over its labels. */
export async function metricSum(metricsUrl: string, name: string): Promise<number> {
  const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${metricsUrl} answered ${response.status}`);
  const text = await response.text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match?.[1] === name) sum += Number(match[2]);
  }
  return sum;
}

/** Workflow tasks the worker failed so far (the SDK's counter; absent until the first failure). */
export function failedWorkflowTasks(metricsUrl: string): Promise<number> {
  return metricSum(metricsUrl, 'temporal_workflow_task_execution_failed_total');
}
