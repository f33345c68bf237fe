import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Logger } from 'pino';

/** The bundler's messages on pino, its info (webpack's whole report, one long line) lowered to debug. */
function bundlerLogger(logger: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const method = level === 'ERROR' ? 'error' : level === 'WARN' ? 'warn' : level === 'TRACE' ? 'trace' : 'debug';
    logger[method]({ sdkComponent: 'bundler', ...meta }, message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

/** Bundles the workflows with `workflowInterceptorModules`, and says so in one info line. */
export async function bundleWorkflows(workflowsPath: string, workflowInterceptorModules: string[], logger: Logger): Promise<WorkflowBundleWithSourceMap> {
  const startedAt = Date.now();
  const bundle = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules, logger: bundlerLogger(logger) });
  logger.info({ sizeKiB: Math.round(bundle.code.length / 1024), ms: Date.now() - startedAt, interceptorModules: workflowInterceptorModules.length }, 'workflows bundled');
  return bundle;
}
