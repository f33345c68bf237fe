import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** A model written as raw JSON Schema (a `oneOf`, say), typed as `T`; its `$id` is its component name. */
export function Model<T>(id: string, schema: Record<string, unknown>): TUnsafe<T> {
  return Type.Unsafe<T>({ ...schema, $id: id, title: id });
}

/**
 * `$ref` to a shared model (a schema with an `$id`, registered with `addSchema`; the `$id` is its
 * OpenAPI component name), typed as the model. Models are only ever referenced, never inlined: the
 * validator knows each `$id` once, and generators get one named type.
 */
export function RefTo<T extends TSchema>(model: T): TUnsafe<Static<T>> {
  if (!model.$id) throw new Error('RefTo needs a model with an $id');
  return Type.Unsafe<Static<T>>(Type.Ref(model.$id));
}
