import { SEARCH_ATTRIBUTES, cliTypeName } from '@gotrs/contracts';
import { isGrpcServiceError, type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Logger } from 'pino';

const { IndexedValueType } = temporal.api.enums.v1;
/** Codes of a server (or a proxy, Temporal Cloud) that will not tell: the check is skipped. */
const CANNOT_TELL = new Set([7, 12, 16]); // PERMISSION_DENIED, UNIMPLEMENTED, UNAUTHENTICATED

/** Raised at worker start when the namespace lacks a search attribute the workflows upsert. */
export class SearchAttributesMissingError extends Error {
  override name = 'SearchAttributesMissingError';
}

/** The `temporal` command that registers what is missing. */
function createCommand(namespace: string, missing: typeof SEARCH_ATTRIBUTES): string {
  const pairs = missing.map(({ name, type }) => `--name ${name} --type ${cliTypeName(type)}`).join(' ');
  return `temporal operator search-attribute create --namespace ${namespace} ${pairs}`;
}

/**
 * Checks (ListSearchAttributes) that the namespace has every custom search attribute of
 * `SEARCH_ATTRIBUTES` with its type: an upsert of an unregistered one fails the workflow task, again
 * and again, so a worker without them must not start. A server that does not answer the question is
 * let through with a warning.
 */
export async function requireSearchAttributes(client: Client, namespace: string, logger: Logger): Promise<void> {
  let registered: Record<string, number>;
  try {
    const answer = await client.connection.operatorService.listSearchAttributes({ namespace });
    registered = { ...answer.systemAttributes, ...answer.customAttributes };
  } catch (error) {
    if (!isGrpcServiceError(error) || !CANNOT_TELL.has(error.code)) throw error;
    logger.warn({ err: error, namespace }, 'cannot list the search attributes of the namespace; make sure they are registered (README: Search attributes)');
    return;
  }
  const missing = SEARCH_ATTRIBUTES.filter(({ name, type }) => registered[name] !== IndexedValueType[`INDEXED_VALUE_TYPE_${type}`]);
  if (missing.length === 0) return;
  const described = missing.map(({ name, type }) => `${name} (${cliTypeName(type)}${registered[name] === undefined ? '' : `, registered as ${IndexedValueType[registered[name]]}`})`);
  throw new SearchAttributesMissingError(
    `namespace "${namespace}" lacks the search attributes ${described.join(', ')}; register them with: ${createCommand(namespace, missing)}`,
  );
}
