import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { log, secondsSince } from './log';
import { ensureDatabase } from './pg-database';
import type { ReaperCommand } from './reaper-protocol';

const run = promisify(execFile);

/** How to run the PostgreSQL binaries: which folder, and as which OS user (they refuse root). */
export interface PgRunner {
  binDir: string;
  uid?: number;
  gid?: number;
}

const INSTALL_HINT =
  'Set DATABASE_URL to an existing PostgreSQL server, or install PostgreSQL (apt-get install postgresql).';

function hasServerBinaries(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'postgres'));
}

/** The newest /usr/lib/postgresql/<major>/bin, else `pg_config --bindir`, when it holds initdb and pg_ctl. */
export function resolvePgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  for (const major of majors.sort((a, b) => Number(b) - Number(a))) {
    const dir = join(root, major, 'bin');
    if (hasServerBinaries(dir)) return dir;
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (hasServerBinaries(dir)) return dir;
  } catch {
    // no pg_config either
  }
  throw new Error(`no PostgreSQL server binaries found (initdb, pg_ctl). ${INSTALL_HINT}`);
}

/** The binaries, run as the `postgres` OS user when we are root (PostgreSQL refuses to run as root). */
export function pgRunner(): PgRunner {
  const binDir = resolvePgBinDir();
  if (process.getuid?.() !== 0) return { binDir };
  try {
    const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { binDir, uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(`running as root needs a \`postgres\` OS user to run PostgreSQL as. ${INSTALL_HINT}`);
  }
}

async function pgTool(runner: PgRunner, tool: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(join(runner.binDir, tool), args, {
    uid: runner.uid,
    gid: runner.gid,
    cwd: '/',
    env: { ...process.env, LC_ALL: 'C' },
    timeout: 120_000,
  });
  return stdout;
}

function errorDetail(error: unknown): string {
  const failure = error as { stderr?: string; stdout?: string; message: string };
  return [failure.stderr, failure.stdout].filter(Boolean).join('\n').trim() || failure.message;
}

function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface LocalPostgresOptions {
  /** Cluster folder; created and initialised (initdb) the first time. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** Database to create when missing. */
  database: string;
  /** Throwaway cluster: trade durability for speed (fsync off). */
  ephemeral?: boolean;
}

export interface LocalPostgres {
  /** URL of `database`, e.g. postgres://postgres@127.0.0.1:5433/gotrs. */
  databaseUrl: string;
  /** URL of the `postgres` maintenance database, for creating more databases. */
  serverUrl: string;
  dataDir: string;
  /** The `pg_ctl stop` that `stop()` runs, for a reaper to run should we die first. */
  stopCommand: ReaperCommand;
  stop(): Promise<void>;
}

/**
 * Creates the cluster folder 0700 (initdb insists) and its missing parents with the usual modes: a
 * recursive mkdir would give every parent 0700 too, and the `postgres` user could not reach the folder.
 */
export function makeClusterFolder(dataDir: string): void {
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/** The first folder above `dir` that the user `uid`/`gid` cannot enter (by its mode bits), if any. */
export function firstUnreachableParent(dir: string, uid: number, gid: number): string | undefined {
  const parents: string[] = [];
  for (let parent = dirname(dir); !parents.includes(parent); parent = dirname(parent)) parents.unshift(parent);
  return parents.find((parent) => {
    const { mode, uid: owner, gid: group } = statSync(parent);
    const bit = owner === uid ? 0o100 : group === gid ? 0o010 : 0o001;
    return (mode & bit) === 0;
  });
}

async function initCluster(runner: PgRunner, dataDir: string): Promise<void> {
  makeClusterFolder(dataDir);
  if (runner.uid !== undefined && runner.gid !== undefined) chownSync(dataDir, runner.uid, runner.gid);
  log(`initialising a PostgreSQL cluster in ${dataDir}`);
  try {
    // trust on local and loopback only (initdb's pg_hba.conf lists nothing else): a dev-only cluster
    await pgTool(runner, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
  } catch (error) {
    const blocked = runner.uid === undefined ? undefined : firstUnreachableParent(dataDir, runner.uid, runner.gid ?? -1);
    const hint =
      runner.uid === undefined ? '' : blocked ? ` (the postgres user cannot enter ${blocked}: chmod o+x it)` : ' (the folder and its parents must be reachable by the postgres user)';
    throw new Error(`initdb ${dataDir} failed${hint}:\n${errorDetail(error)}`);
  }
}

function checkMajorVersion(runner: PgRunner, dataDir: string): void {
  const dataMajor = readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim();
  const binMajor = runner.binDir.match(/postgresql\/(\d+)\//)?.[1];
  if (binMajor && binMajor !== dataMajor) {
    throw new Error(`${dataDir} holds a PostgreSQL ${dataMajor} cluster but the binaries are ${binMajor}; \`make reset\` starts afresh`);
  }
}

/**
 * Starts a project-local PostgreSQL with this machine's binaries (initdb on first use), listening on
 * 127.0.0.1:`port` with its unix socket inside the data folder, and creates `database` if missing.
 * Stop it with the returned `stop()` (`pg_ctl stop -m fast`).
 */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const startedAt = Date.now();
  const runner = pgRunner();
  const { dataDir, port } = options;
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initCluster(runner, dataDir);
  checkMajorVersion(runner, dataDir);
  const running = await pgTool(runner, 'pg_ctl', ['status', '-D', dataDir]).then(() => true, () => false);
  if (running) {
    throw new Error(
      `a PostgreSQL server is already running on ${dataDir} (left over from an earlier run?). ` +
        `Stop it with: ${process.getuid?.() === 0 ? 'runuser -u postgres -- ' : ''}${join(runner.binDir, 'pg_ctl')} stop -D ${dataDir} -m fast`,
    );
  }
  const settings = ['-p', String(port), '-k', shellQuote(dataDir), '-c', 'listen_addresses=127.0.0.1'];
  if (options.ephemeral) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const logFile = join(dataDir, 'server.log');
  const stopArgs = ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60', '-s'];
  const stopCommand = { command: join(runner.binDir, 'pg_ctl'), args: stopArgs, uid: runner.uid, gid: runner.gid };
  const stop = async (): Promise<void> => {
    if (!existsSync(join(dataDir, 'postmaster.pid'))) return; // not running (or never started)
    await pgTool(runner, 'pg_ctl', stopArgs).catch((error) => {
      log(`pg_ctl stop ${dataDir}: ${errorDetail(error)}`);
    });
  };
  try {
    await pgTool(runner, 'pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-s', '-o', settings.join(' ')]);
  } catch (error) {
    await stop();
    throw new Error(`PostgreSQL did not start on port ${port}: ${errorDetail(error)}\n--- ${logFile} ---\n${logTail(logFile)}`);
  }
  const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    const databaseUrl = await ensureDatabase(serverUrl, options.database);
    log(`PostgreSQL ready at 127.0.0.1:${port} in ${secondsSince(startedAt)}`);
    return { databaseUrl, serverUrl, dataDir, stopCommand, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
