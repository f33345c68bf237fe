import { Type } from '@sinclair/typebox';
import { ProblemSchema } from './problem';

export const CheckSchema = Type.Object({
  ok: Type.Boolean(),
  latencyMs: Type.Integer({ minimum: 0 }),
  error: Type.Optional(Type.String()),
});

/** The namespace check also says which namespace it looked for. */
export const NamespaceCheckSchema = Type.Object({ ...CheckSchema.properties, name: Type.String() });

export const ChecksSchema = Type.Object({
  temporal: CheckSchema,
  namespace: NamespaceCheckSchema,
  postgres: CheckSchema,
});

export const LiveSchema = Type.Object({ status: Type.Literal('ok') });

export const ReadySchema = Type.Object({ status: Type.Literal('ready'), checks: ChecksSchema });

/** The 503 of /readyz: a problem that also says which check failed. */
export const NotReadySchema = Type.Object({ ...ProblemSchema.properties, checks: ChecksSchema });
