export { loadConfig, ConfigError, DEFAULT_CONFIG_FILE } from './load';
export { parseDurationMs } from './duration';
export type { AppConfig, WorkflowSettings, RetrySettings } from './types';
