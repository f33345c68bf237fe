type Schema = { $ref?: string; required?: unknown[] };
type Operation = { requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> } };
type Document = { paths?: object; components?: { schemas?: Record<string, Schema> } };

const COMPONENT = '#/components/schemas/';

/**
 * @fastify/swagger marks every request body required. A body whose schema requires no property may
 * be left out here (such routes default it to `{}`, see the reopen route), so say so in the document.
 */
export function markOptionalBodies<T extends Document>(document: T): T {
  const resolve = (schema: Schema | undefined) =>
    schema?.$ref?.startsWith(COMPONENT) ? document.components?.schemas?.[schema.$ref.slice(COMPONENT.length)] : schema;
  for (const operations of Object.values((document.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const operation of Object.values(operations)) {
      const schema = resolve(operation.requestBody?.content?.['application/json']?.schema);
      if (operation.requestBody && schema && !schema.required?.length) operation.requestBody.required = false;
    }
  }
  return document;
}
