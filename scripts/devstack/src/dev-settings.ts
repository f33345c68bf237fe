/** What `make dev` itself reads from the environment (see .env.example); the apps read the rest. */
export interface DevSettings {
  /** Which Temporal `make dev` starts: `dev` (start-dev, SQLite) or `full` (the production server on PostgreSQL). */
  temporalServer: 'dev' | 'full';
  apiPort: number;
  temporalPort: number;
  temporalUiPort: number;
  pgPort: number;
  /** The PostgreSQL of the full Temporal server (`temporalServer: 'full'`). */
  temporalPgPort: number;
  /** SMTP and web UI (with its REST API) of the local mail sink (maildev). */
  mailSmtpPort: number;
  mailUiPort: number;
  /** A real SMTP server the worker sends through instead of the local sink (then none is started). */
  smtpHost?: string;
  /** An existing Temporal server to use instead of starting one. */
  temporalAddress?: string;
  /** An existing PostgreSQL database to use instead of starting one. */
  databaseUrl?: string;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number (1-65535), got "${raw}"`);
  return value;
}

function temporalServer(env: NodeJS.ProcessEnv): DevSettings['temporalServer'] {
  const raw = env.DEV_TEMPORAL_SERVER || 'dev';
  if (raw !== 'dev' && raw !== 'full') throw new Error(`DEV_TEMPORAL_SERVER must be "dev" or "full", got "${raw}"`);
  return raw;
}

export function readDevSettings(env: NodeJS.ProcessEnv = process.env): DevSettings {
  return {
    temporalServer: temporalServer(env),
    apiPort: port(env, 'API_PORT', 3000),
    temporalPort: port(env, 'TEMPORAL_PORT', 7233),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', 8233),
    pgPort: port(env, 'PG_PORT', 5433),
    temporalPgPort: port(env, 'TEMPORAL_PG_PORT', 5434),
    mailSmtpPort: port(env, 'MAIL_SMTP_PORT', 1025),
    mailUiPort: port(env, 'MAIL_UI_PORT', 1080),
    smtpHost: env.SMTP_HOST || undefined,
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
  };
}
