import Ajv, { type AnySchema, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyServerOptions } from 'fastify';
import { withCommaLists } from './comma-lists';

type ValidatorFactory = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']>;

function compiler(options: Options, models: Record<string, unknown>): Ajv {
  // verbose: errors carry the offending value, so a message can say what is wrong with it (a NUL, say).
  // No removeAdditional: an unknown field is refused (400) where the schema says additionalProperties: false.
  const ajv = new Ajv({ allErrors: true, useDefaults: true, removeAdditional: false, verbose: true, strict: false, ...options });
  addFormats(ajv);
  for (const [id, model] of Object.entries(models)) {
    const schema = model as AnySchema & { $id?: string };
    if (!ajv.getSchema(schema.$id ?? id)) ajv.addSchema(schema, schema.$id ? undefined : id);
  }
  return ajv;
}

/**
 * Fastify's validator factory (`schemaController.compilersFactory.buildValidator`), called for each
 * encapsulation context with the models (`addSchema`) it knows, so that bodies can be `$ref`s to them.
 * Every error is reported at once (allErrors, bounded by the schemas' maxLength); JSON bodies are
 * taken as typed (no coercion: `"title": 5` is an error, not "5"), while the query string, params and
 * headers, which are text, are coerced, and the query's list parameters also take comma-separated values.
 */
export const buildValidator: ValidatorFactory = (models = {}) => {
  const body = compiler({ coerceTypes: false }, models);
  const text = compiler({ coerceTypes: 'array' }, models);
  return ({ schema, httpPart }) => {
    if (httpPart === 'body') return body.compile(schema);
    const validate = text.compile(schema);
    // Fastify calls what it gets with the data and reads `.errors`, which the wrapper keeps up to date.
    return httpPart === 'querystring' ? (withCommaLists(schema, validate) as ValidateFunction) : validate;
  };
};
