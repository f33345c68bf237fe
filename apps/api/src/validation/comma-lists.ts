import type { ValidateFunction } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

type FastifyValidationResult = ReturnType<FastifySchemaCompiler<unknown>>;

type ObjectSchema = { properties?: Record<string, { type?: unknown }> };

function split(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').map((part) => part.trim());
  return Array.isArray(value) ? value.flatMap(split) : value;
}

/**
 * A query validator that also takes comma-separated values for the array parameters:
 * `status=open,new` is read as `status=open&status=new` (the form OpenAPI clients send by default),
 * each value trimmed.
 */
export function withCommaLists(schema: unknown, validate: ValidateFunction): FastifyValidationResult {
  const properties = (schema as ObjectSchema).properties ?? {};
  const lists = Object.keys(properties).filter((name) => properties[name]?.type === 'array');
  if (lists.length === 0) return validate;
  const wrapped: FastifyValidationResult = (data: unknown) => {
    if (data && typeof data === 'object') {
      const query = data as Record<string, unknown>;
      for (const name of lists) if (query[name] !== undefined) query[name] = split(query[name]);
    }
    const valid = validate(data);
    wrapped.errors = validate.errors;
    return valid;
  };
  return wrapped;
}
