import { Type } from '@sinclair/typebox';
import { ProblemSchema } from './problem';

export const CheckSchema = Type.Object({
  ok: Type.Boolean(),
  latencyMs: Type.Integer({ minimum: 0 }),
  error: Type.Optional(Type.String()),
});

export const ChecksSchema = Type.Object({ temporal: CheckSchema, postgres: CheckSchema });

export const LiveSchema = Type.Object({ status: Type.Literal('ok') });

export const ReadySchema = Type.Object({ status: Type.Literal('ready'), checks: ChecksSchema });

/** The 503 of /readyz: a problem that also says which check failed. */
export const NotReadySchema = Type.Object({ ...ProblemSchema.properties, checks: ChecksSchema });
