import { resolve } from 'node:path';

/** The repository root (this file is compiled to scripts/devstack/dist). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** Git-ignored folder for tools the devstack installs itself (the pinned Temporal binaries). */
export const TOOLS_DIR = resolve(REPO_ROOT, '.tools');

/** Git-ignored folder for `make dev` state that survives restarts (Temporal SQLite, PostgreSQL data). */
export const DATA_DIR = resolve(REPO_ROOT, '.data');
