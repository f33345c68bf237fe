/**
 * Schemathesis (PyPI), pinned, installed once with `pip install --target` into the git-ignored
 * `.tools/schemathesis` (like the Temporal binaries), and run through the machine's python3.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { childEnvironment } from '@gotrs/devstack/testing';

const run = promisify(execFile);

export const SCHEMATHESIS_VERSION = '4.32.5';
const TOOLS_DIR = resolve(__dirname, '..', '..', '.tools');
const TARGET = join(TOOLS_DIR, 'schemathesis');
const MARKER = '.installed-version';

const isInstalled = (dir: string) =>
  existsSync(join(dir, MARKER)) && readFileSync(join(dir, MARKER), 'utf8').trim() === SCHEMATHESIS_VERSION;

/** Installs schemathesis==SCHEMATHESIS_VERSION unless present; a staging folder renamed into place keeps concurrent runs safe. */
export async function ensureSchemathesis(): Promise<string> {
  if (isInstalled(TARGET)) return TARGET;
  mkdirSync(TOOLS_DIR, { recursive: true });
  const staging = `${TARGET}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await run('python3', ['-m', 'pip', 'install', '--quiet', '--no-input', '--target', staging, `schemathesis==${SCHEMATHESIS_VERSION}`], {
    env: childEnvironment({ PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_ROOT_USER_ACTION: 'ignore' }),
    maxBuffer: 16 * 1024 * 1024,
  });
  writeFileSync(join(staging, MARKER), `${SCHEMATHESIS_VERSION}\n`);
  if (!isInstalled(TARGET)) {
    rmSync(TARGET, { recursive: true, force: true });
    try {
      renameSync(staging, TARGET);
    } catch (error) {
      if (!isInstalled(TARGET)) throw error;
    }
  }
  rmSync(staging, { recursive: true, force: true });
  return TARGET;
}

export interface FuzzRun {
  exitCode: number;
  output: string;
  /** The run's JUnit report. */
  junit: string;
}

/** `st run` against `baseUrl`'s /openapi.json with `args`; never throws on a failing run. */
export async function runSchemathesis(baseUrl: string, args: string[], reportDir: string): Promise<FuzzRun> {
  const target = await ensureSchemathesis();
  const junitPath = join(reportDir, 'junit.xml');
  const argv = [
    '-c',
    'import sys; from schemathesis.cli import schemathesis; sys.argv[0] = "st"; sys.exit(schemathesis())',
    '--config-file', join(__dirname, 'schemathesis.toml'),
    'run', `${baseUrl}/openapi.json`, '--report', 'junit', '--report-junit-path', junitPath, ...args,
  ];
  try {
    const { stdout, stderr } = await run('python3', argv, {
      env: childEnvironment({ PYTHONPATH: target, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' }),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { exitCode: 0, output: stdout + stderr, junit: readFileSync(junitPath, 'utf8') };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    const junit = existsSync(junitPath) ? readFileSync(junitPath, 'utf8') : '';
    return { exitCode: typeof code === 'number' ? code : 1, output: stdout + stderr, junit };
  }
}
