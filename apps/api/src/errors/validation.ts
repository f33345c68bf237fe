import { unstorableReason } from '@gotrs/contracts';
import type { FastifySchemaValidationError } from 'fastify';
import { PATTERN_MESSAGES } from '../schemas/common';
import { ApiError, type FieldError } from './api-error';

/** Ajv's error; `data` is the offending value (the validators run with `verbose`). */
type AjvError = FastifySchemaValidationError & { data?: unknown };

const UNIONS = new Set(['anyOf', 'oneOf']);

/** `/customer/0` under `body` → `body.customer.0`; a missing or unknown property names the property itself. */
function fieldOf(context: string, error: AjvError): string {
  const path = error.instancePath.split('/').filter(Boolean);
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty) path.push(params.missingProperty);
  if (error.keyword === 'additionalProperties' && params.additionalProperty) path.push(params.additionalProperty);
  return [context, ...path].join('.');
}

const FORMAT_MESSAGES: Readonly<Record<string, string>> = { 'date-time': 'must be an ISO 8601 date-time with a time zone' };

/** What a pattern or format refuses, in words: the unstorable character first, else the rule's meaning. */
function formMessage(error: AjvError): string {
  const reason = typeof error.data === 'string' ? unstorableReason(error.data) : undefined;
  if (reason) return reason;
  const { pattern = '', format = '' } = error.params as { pattern?: string; format?: string };
  return (error.keyword === 'pattern' ? PATTERN_MESSAGES[pattern] : FORMAT_MESSAGES[format]) ?? error.message ?? 'is not valid';
}

function messageOf(error: AjvError): string {
  const params = error.params as { allowedValues?: unknown[]; type?: unknown };
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'type') return `must be ${String(params.type).split(',').join(' or ')}`;
  if (error.keyword === 'additionalProperties') return 'is not a known field';
  if (error.keyword === 'pattern' || error.keyword === 'format') return formMessage(error);
  if (error.keyword === 'enum' && params.allowedValues) {
    return `must be one of: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return error.message ?? 'is not valid';
}

/** One message per failed branch; "must be string" gives way to the branch's more telling errors (enum...). */
function branchMessages(union: AjvError, branches: AjvError[]): string[] {
  const byBranch = new Map<string, AjvError[]>();
  for (const error of branches) {
    const index = error.schemaPath.slice(union.schemaPath.length + 1).split('/')[0] ?? '';
    byBranch.set(index, [...(byBranch.get(index) ?? []), error]);
  }
  return [...byBranch.values()].flatMap((errors) => {
    const specific = errors.filter((e) => e.keyword !== 'type');
    return (specific.length ? specific : errors).map(messageOf);
  });
}

/** Folds the errors of an `anyOf`'s or `oneOf`'s branches into one "a or b" message on the union's error. */
function foldUnions(errors: AjvError[]): { error: AjvError; message: string }[] {
  const branchesOf = (union: AjvError) => errors.filter((e) => e !== union && e.schemaPath.startsWith(`${union.schemaPath}/`));
  const folded = new Set<AjvError>();
  const result: { error: AjvError; message: string }[] = [];
  for (const error of errors.filter((e) => UNIONS.has(e.keyword))) {
    const branches = branchesOf(error);
    branches.forEach((b) => folded.add(b));
    const messages = [...new Set(branchMessages(error, branches))];
    result.push({ error, message: messages.length ? messages.join(' or ') : messageOf(error) });
  }
  for (const error of errors) {
    if (!UNIONS.has(error.keyword) && !folded.has(error)) result.push({ error, message: messageOf(error) });
  }
  return result;
}

/** Turns Fastify's schema validation errors into one FieldError per offending field. */
export function fieldErrors(context: string, errors: AjvError[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const { error, message } of foldUnions(errors)) {
    const field = fieldOf(context, error);
    const messages = byField.get(field) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byField.set(field, messages);
  }
  return [...byField].map(([field, messages]) => ({ field, message: messages.join('; ') }));
}

/** The 400 `validation_failed` problem for schema validation errors. */
export function validationFailed(context: string, errors: AjvError[]): ApiError {
  const fields = fieldErrors(context, errors);
  const names = fields.map((f) => f.field).join(', ');
  return new ApiError('validation_failed', `invalid ${names || context}`, fields);
}

/** A 400 `validation_failed` problem for one field checked by hand. */
export function invalidField(field: string, message: string): ApiError {
  return new ApiError('validation_failed', `invalid ${field}: ${message}`, [{ field, message }]);
}
