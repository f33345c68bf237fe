import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { log, secondsSince } from './log';
import { TOOLS_DIR } from './paths';
import { findOnPath } from './pip-install';

const run = promisify(execFile);

/**
 * The one place where the full Temporal Server is pinned: built from the Go module proxy with the
 * pinned Go toolchain (`GOTOOLCHAIN`, which the `go` command downloads itself) into `.tools/`.
 */
export const TEMPORAL_SERVER_PIN = {
  module: 'go.temporal.io/server',
  version: 'v1.32.2',
  toolchain: 'go1.27.3',
  /** `server` is `cmd/server` (the image's `temporal-server`), `sql` is `cmd/tools/sql` (`temporal-sql-tool`). */
  packages: { server: 'cmd/server', sql: 'cmd/tools/sql' },
  dir: join(TOOLS_DIR, 'temporal-server'),
} as const;

/** The two binaries of the full server: the server itself and the SQL schema tool. */
export interface TemporalServerBinaries {
  server: string;
  sql: string;
}

function binaries(dir: string): TemporalServerBinaries {
  return { server: join(dir, 'bin', 'server'), sql: join(dir, 'bin', 'sql') };
}

/**
 * The binaries when both files exist (nothing is built or run): for a caller that must not start a
 * several-minute build, such as a test that skips on a machine without them.
 */
export function builtTemporalServer(dir: string = TEMPORAL_SERVER_PIN.dir): TemporalServerBinaries | undefined {
  const found = binaries(dir);
  return existsSync(found.server) && existsSync(found.sql) ? found : undefined;
}

/** Whether `binary --version` names the pinned version (`temporal version 1.32.2`). */
async function isPinnedVersion(binary: string): Promise<boolean> {
  if (!existsSync(binary)) return false;
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 10_000, cwd: '/' });
    return stdout.trim().endsWith(` ${TEMPORAL_SERVER_PIN.version.replace(/^v/, '')}`);
  } catch {
    return false;
  }
}

async function installed(dir: string): Promise<TemporalServerBinaries | undefined> {
  const found = binaries(dir);
  const [server, sql] = await Promise.all([isPinnedVersion(found.server), isPinnedVersion(found.sql)]);
  return server && sql ? found : undefined;
}

/** `go install <module>/<package>@<version>` for both binaries, into `<staging>/bin`. */
async function goInstall(staging: string): Promise<void> {
  const go = findOnPath('go');
  if (!go) {
    throw new Error(
      `cannot build Temporal Server ${TEMPORAL_SERVER_PIN.version}: the \`go\` command is needed (any Go >= 1.21 fetches ` +
        `toolchain ${TEMPORAL_SERVER_PIN.toolchain} itself), or put the binaries into ${join(TEMPORAL_SERVER_PIN.dir, 'bin')}`,
    );
  }
  const { module, version, toolchain, packages } = TEMPORAL_SERVER_PIN;
  const targets = Object.values(packages).map((path) => `${module}/${path}@${version}`);
  try {
    await run(go, ['install', ...targets], {
      env: { ...process.env, GOTOOLCHAIN: toolchain, GOBIN: join(staging, 'bin'), CGO_ENABLED: '0' },
      cwd: staging,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`go install ${targets.join(' ')} failed:\n${detail}`);
  }
}

/**
 * The full Temporal Server's binaries in `.tools/temporal-server/bin`, built there first unless both
 * already report the pinned version (a clean clone builds once: several minutes on two cores). The
 * build goes into a temporary sibling folder renamed into place, so two concurrent callers never
 * see half a build.
 */
export async function ensureTemporalServer(dir: string = TEMPORAL_SERVER_PIN.dir): Promise<TemporalServerBinaries> {
  const ready = await installed(dir);
  if (ready) return ready;
  const startedAt = Date.now();
  const label = `${TEMPORAL_SERVER_PIN.module}@${TEMPORAL_SERVER_PIN.version} (toolchain ${TEMPORAL_SERVER_PIN.toolchain})`;
  log(`building ${label} into ${dir} (once; several minutes)`);
  mkdirSync(dirname(dir), { recursive: true });
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'bin'), { recursive: true });
  try {
    await goInstall(staging);
    if (!(await installed(staging))) throw new Error(`go install left no ${TEMPORAL_SERVER_PIN.version} binaries in ${join(staging, 'bin')}`);
    if (!(await installed(dir))) {
      rmSync(dir, { recursive: true, force: true });
      try {
        renameSync(staging, dir);
      } catch (error) {
        if (!(await installed(dir))) throw error; // a concurrent build won the race otherwise
      }
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  log(`built ${label} in ${secondsSince(startedAt)}`);
  const built = await installed(dir);
  if (!built) throw new Error(`the Temporal Server build finished but ${join(dir, 'bin')} holds no ${TEMPORAL_SERVER_PIN.version} binaries`);
  return built;
}
