import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { childEnvironment, configuredChromium } from '@gotrs/devstack/testing';

/** Debian's Chromium: the only browser this project's machines can have (npm's browser downloads are refused). */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a headless Chromium on a machine without a network: no GPU, no sandbox (root), and none of
 * the background connections (updates, sync, QUIC) that a closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): void {
  process.stderr.write(`[browser test] ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: childEnvironment({ DEBIAN_FRONTEND: 'noninteractive' }),
    timeout: 9 * 60_000,
  });
  if (result.status !== 0) {
    const why = result.error?.message ?? result.stderr?.toString().trim().split('\n').slice(-5).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${why}`);
  }
}

/**
 * The Chromium to drive: CHROMIUM_PATH when set, else Debian's at /usr/bin/chromium, installed with
 * apt-get when it is missing and this process is root (as on CI's fresh machine, like the Temporal
 * binaries the devstack installs). Anything else throws, so the test fails saying what to do: a
 * browser test that cannot run is a failure, never a skip.
 */
export function findChromium(): string {
  const configured = configuredChromium();
  if (configured) {
    if (!executable(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file`);
    return configured;
  }
  if (executable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const root = process.getuid?.() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    throw new Error(`no Chromium at ${DEBIAN_CHROMIUM}, and it cannot be installed here (${root ? 'no apt-get' : 'not root'}): run \`apt-get install chromium\` as root, or set CHROMIUM_PATH`);
  }
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  run('apt-get', [...lock, 'update', '-qq']);
  run('apt-get', [...lock, 'install', '-y', '-qq', 'chromium']);
  if (!executable(DEBIAN_CHROMIUM)) throw new Error(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is not there`);
  return DEBIAN_CHROMIUM;
}
