import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CATALOG, type ErrorCode } from '../errors/catalog';
import { StringEnum } from './common';

const CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];

export const FieldErrorSchema = Type.Object(
  {
    field: Type.String({ description: 'Where: `body.title`, `querystring.limit`, `params.id`, `headers.idempotency-key`.' }),
    message: Type.String(),
  },
  { additionalProperties: false },
);

const problemProperties = {
  type: Type.String({ description: 'URI of the problem type: `urn:gotrs:problem:{code}`.' }),
  title: Type.String(),
  status: Type.Integer({ minimum: 400, maximum: 599 }),
  detail: Type.String(),
  code: StringEnum(CODES, { description: 'Stable machine-readable code.' }),
  instance: Type.Optional(Type.String({ description: 'The request path.' })),
  requestId: Type.Optional(Type.String({ description: 'The request ID (X-Request-Id), for support.' })),
  errors: Type.Optional(Type.Array(FieldErrorSchema, { description: 'Each offending field.' })),
};

/** RFC 9457 problem details, answered as application/problem+json for every error. */
export const ProblemSchema = Type.Object(problemProperties, { $id: 'Problem', title: 'Problem' });

export type Problem = Static<typeof ProblemSchema>;
