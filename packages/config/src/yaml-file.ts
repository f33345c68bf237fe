import { readFileSync } from 'node:fs';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { ConfigError } from './errors';

/** Reads a YAML configuration file and checks it against `schema`, naming every problem at once. */
export function readYamlFile<S extends TSchema>(path: string, schema: S): Static<S> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (!Value.Check(schema, raw)) {
    const problems = [...Value.Errors(schema, raw)].map((e) => `${e.path || '/'}: ${e.message}`);
    throw new ConfigError(`invalid ${path}:\n  ${problems.join('\n  ')}`);
  }
  return raw;
}
