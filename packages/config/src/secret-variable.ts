import { readFileSync } from 'node:fs';
import { ConfigError } from './errors';

type Env = Record<string, string | undefined>;

/**
 * A secret from the environment: `NAME`, or the contents of the file `NAME_FILE` names (container
 * secrets such as /run/secrets/...). Setting both is a ConfigError, as is a file that cannot be read.
 * One trailing newline of the file is dropped (`echo secret > file` writes one); nothing else is.
 * Undefined when neither is set; an empty `NAME` counts as set (callers decide what empty means).
 */
export function readSecretVariable(env: Env, name: string): string | undefined {
  const fileVariable = `${name}_FILE`;
  const path = env[fileVariable];
  const direct = env[name];
  if (path && direct !== undefined && direct !== '') throw new ConfigError(`set ${name} or ${fileVariable}, not both`);
  if (!path) return direct;
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new ConfigError(`${fileVariable}: cannot read ${path}: ${(error as Error).message}`);
  }
}
