import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DevContext } from './dev-services';
import { REPO_ROOT } from './paths';
import { startProcess } from './processes';
import { Supervisor } from './supervisor';

/** The compiled entry points `make dev` runs, and how messages call them. */
export const APP_SCRIPTS = {
  worker: { script: 'apps/worker/dist/worker.js', label: 'worker' },
  api: { script: 'apps/api/dist/server.js', label: 'API' },
} as const;

export type AppName = keyof typeof APP_SCRIPTS;

const PREFIX_WIDTH = 6;

/** Fails before anything starts when the apps are not built. */
export function assertAppsBuilt(): void {
  const missing = Object.values(APP_SCRIPTS)
    .map(({ script }) => script)
    .filter((script) => !existsSync(join(REPO_ROOT, script)));
  if (missing.length > 0) throw new Error(`${missing.join(' and ')} missing: build first (\`make dev\` runs \`npm run build\`)`);
}

export interface SuperviseHooks {
  /** The app crashed too often in a row and is not started again. */
  onGiveUp: (message: string) => void;
  /** A run after the first one has started. */
  onRestarted?: (run: number) => void;
}

/**
 * Runs `node <script>` from the repository root with `env`, its output forwarded as `[name]`, under a
 * {@link Supervisor}: restarted with back-off when it dies, `onGiveUp` after repeated fast crashes.
 * Every run is handed to the reaper; the teardown stops it for good.
 */
export function superviseApp(ctx: DevContext, name: AppName, env: NodeJS.ProcessEnv, hooks: SuperviseHooks): Supervisor {
  const { script, label } = APP_SCRIPTS[name];
  const supervisor = new Supervisor({
    name: label,
    spawn: () =>
      startProcess({ name, command: process.execPath, args: [script], cwd: REPO_ROOT, env, forward: true, prefixWidth: PREFIX_WIDTH }),
    onStart: (child, run) => {
      void ctx.reaper.watchGroup(child.pid);
      if (run > 1) hooks.onRestarted?.(run);
    },
    onEnd: (child) => void ctx.reaper.forgetGroup(child.pid),
    onGiveUp: hooks.onGiveUp,
  });
  supervisor.start();
  ctx.teardown.add(label, () => supervisor.stop(10_000));
  return supervisor;
}
