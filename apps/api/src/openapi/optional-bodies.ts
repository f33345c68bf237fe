type Operation = { requestBody?: { required?: boolean; content?: Record<string, { schema?: { required?: unknown[] } }> } };
type Document = { paths?: object };

/**
 * @fastify/swagger marks every request body required. A body whose schema requires no property may
 * be left out here (such routes default it to `{}`, see the reopen route), so say so in the document.
 */
export function markOptionalBodies<T extends Document>(document: T): T {
  for (const operations of Object.values((document.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const operation of Object.values(operations)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (operation.requestBody && schema && !schema.required?.length) operation.requestBody.required = false;
    }
  }
  return document;
}
