export { loadConfig, ConfigError, DEFAULT_CONFIG_FILE } from './load';
export { parseDurationMs } from './duration';
export type { AppConfig, WorkflowSettings, RetrySettings, LogLevel } from './types';
export { loadNotificationSettings } from './notifications';
export type { NotificationSettings, SmtpSettings, Person, PersonRole } from './notifications';
export { resolveRecipient, isEmailAddress, emailNotBefore } from './notification-directory';
export type { ResolvedRecipient } from './notification-directory';
