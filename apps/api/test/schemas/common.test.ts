import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { expectProblem, startApi, type TestApi } from '../support';

/**
 * The storable-text rule on every string a request can carry, found by walking each operation's
 * parameters and body in the generated OpenAPI document: a string without the rule fails here.
 */
type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[] };
type Parameter = { $ref?: string; name: string; in: string; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter> } };

/** A string input: where it is (`body.sla.firstResponseTime`) and its schema. */
interface Leaf {
  part: 'body' | 'querystring' | 'params' | 'headers';
  path: string[];
  schema: Schema;
}

const NUL = '\u0000';
const UNPAIRED = ['\uD800', '\uDFFF'];

let api: TestApi;
let document: Document;
beforeAll(async () => {
  api = await startApi({ label: 'api-text' });
  await api.app.ready();
  document = api.app.swagger() as unknown as Document;
});
afterAll(() => api.close());

const resolve = <T extends { $ref?: string }>(node: T, section: 'schemas' | 'parameters'): T =>
  node.$ref ? (document.components[section][node.$ref.split('/').pop()!] as unknown as T) : node;

function* strings(schema: Schema, part: Leaf['part'], path: string[]): Generator<Leaf> {
  const node = resolve(schema, 'schemas');
  const types = [node.type].flat();
  if (types.includes('string') && !node.enum && node.const === undefined) yield { part, path, schema: node };
  for (const [name, property] of Object.entries(node.properties ?? {})) yield* strings(property, part, [...path, name]);
  if (node.items) yield* strings(node.items, part, [...path, '0']);
  for (const branch of node.oneOf ?? []) yield* strings(branch, part, path);
}

const PARTS: Record<string, Leaf['part']> = { query: 'querystring', path: 'params', header: 'headers' };

function inputs(operation: Operation): Leaf[] {
  const leaves: Leaf[] = [];
  for (const parameter of (operation.parameters ?? []).map((p) => resolve(p, 'parameters'))) {
    leaves.push(...strings(parameter.schema, PARTS[parameter.in]!, [parameter.name]));
  }
  const body = operation.requestBody?.content['application/json']?.schema;
  if (body) leaves.push(...strings(body, 'body', []));
  return leaves;
}

/** The body a change sends when a parameter is the point: the body's first example (it may require fields), else `{}`. */
function exampleBody(operation: Operation): unknown {
  const body = operation.requestBody?.content['application/json']?.schema;
  const examples = body ? (resolve(body, 'schemas').examples as unknown[] | undefined) : undefined;
  return examples?.[0] ?? {};
}

function operations(): Array<{ method: string; path: string; leaves: Leaf[]; example: unknown }> {
  return Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({ method: method.toUpperCase(), path, leaves: inputs(operation), example: exampleBody(operation) })),
  );
}

const ajv = addFormats(new Ajv({ strict: false }));

/** Values the leaf accepts, each spoiled by NUL or an unpaired surrogate at the start, middle and end. */
function spoiled(schema: Schema): { accepted: string[]; spoilt: string[] } {
  const validate = ajv.compile(schema);
  const examples = ((schema.examples as unknown[]) ?? []).filter((e): e is string => typeof e === 'string');
  const bases = [...examples, 'a', 'A1', 'PT4H', '2030-01-01T09:00:00Z', 'x'.repeat(Number(schema.minLength ?? 1))];
  const accepted = bases.filter((base) => validate(base));
  const spoilt = accepted.flatMap((base) => [NUL, ...UNPAIRED].flatMap((bad) => [bad + base, base.slice(0, 1) + bad + base.slice(1), base + bad]));
  return { accepted, spoilt: spoilt.filter((value) => validate(value)) };
}

describe('free text in requests', () => {
  it('finds the strings of every operation', () => {
    const found = operations().flatMap((op) => op.leaves.map((leaf) => `${op.method} ${op.path} ${leaf.part}.${leaf.path.join('.')}`));
    expect(found).toEqual(expect.arrayContaining(['POST /api/v1/tickets body.title', 'GET /api/v1/tickets querystring.assignee', 'GET /api/v1/tickets/{id} params.id']));
  });

  it('refuses NUL and unpaired surrogates in every string of every operation, by its schema', () => {
    const slipping = operations().flatMap(({ method, path, leaves }) =>
      leaves.map((leaf) => ({ where: `${method} ${path} ${leaf.part}.${leaf.path.join('.')}`, ...spoiled(leaf.schema) })),
    );
    expect(slipping.filter((s) => s.accepted.length === 0).map((s) => s.where)).toEqual([]);
    expect(slipping.filter((s) => s.spoilt.length > 0).map((s) => s.where)).toEqual([]);
  });

  it('answers NUL in every body, query and path string with 400 validation_failed naming the field', async () => {
    const misses: string[] = [];
    for (const { method, path, leaves, example } of operations()) {
      for (const leaf of leaves.filter((l) => l.part !== 'headers')) {
        for (const bad of leaf.part === 'body' ? [NUL, UNPAIRED[0]!] : [NUL]) {
          const value = `a${bad}b`;
          const url = path.replace(/\{[^}]+\}/g, leaf.part === 'params' ? encodeURIComponent(value) : 'abc');
          const query = leaf.part === 'querystring' ? `?${leaf.path[0]}=${encodeURIComponent(value)}` : '';
          // A change always carries a JSON body (`{}` at least) when its parameters are the point.
          const payload = leaf.part === 'body' ? leaf.path.reduceRight<unknown>((inner, name) => (name === '0' ? [inner] : { [name]: inner }), value) : method === 'GET' ? undefined : example;
          const response = await api.request({ method, url: `${url}${query}`, ...(payload !== undefined ? { payload } : {}) });
          const field = `${leaf.part}.${leaf.path.join('.')}`;
          const body = expectProblem(response, 400, 'validation_failed');
          const message = bad === NUL ? 'must not contain the NUL character (U+0000)' : 'must not contain an unpaired UTF-16 surrogate';
          if (!body.errors?.some((e) => e.field === field && e.message === message)) misses.push(`${method} ${path} ${field}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });
});
