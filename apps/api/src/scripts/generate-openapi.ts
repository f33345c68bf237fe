import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { OPENAPI_FILE, buildOpenApiDocument } from '../openapi/build-document';

/** Writes openapi/openapi.json at the repository root (this file runs from apps/api/dist/scripts). */
async function main(): Promise<void> {
  const target = resolve(__dirname, '../../../..', OPENAPI_FILE);
  const document = await buildOpenApiDocument();
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, document);
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
