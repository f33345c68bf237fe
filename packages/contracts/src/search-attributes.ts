import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';

/**
 * The custom search attributes of ticket and SLA workflows, so that operators can filter in the
 * Temporal UI and `temporal workflow list --query` (`SlaState = 'breached' AND TicketQueue = 'Network'`).
 * The server must have them registered in the namespace (the worker checks at start).
 */
export const SearchAttributeKeys = {
  /** `ticket-{id}`: the ticket's status name (`open`, `pending reminder`, ...). */
  ticketStatus: defineSearchAttributeKey('TicketStatus', SearchAttributeType.KEYWORD),
  /** `ticket-{id}` and `sla-{id}`: the ticket's queue. */
  ticketQueue: defineSearchAttributeKey('TicketQueue', SearchAttributeType.KEYWORD),
  /** `ticket-{id}` and `sla-{id}`: the priority, `1` (very low) to `5` (very high). */
  ticketPriority: defineSearchAttributeKey('TicketPriority', SearchAttributeType.KEYWORD),
  /** `ticket-{id}`: the assigned agent; absent while unassigned. */
  ticketAssignee: defineSearchAttributeKey('TicketAssignee', SearchAttributeType.KEYWORD),
  /** `sla-{id}`: `breached`, `warned`, `running`, `paused` or `met`, the most urgent of its milestones. */
  slaState: defineSearchAttributeKey('SlaState', SearchAttributeType.KEYWORD),
  /** `sla-{id}`: the earliest due instant of a running milestone; absent when none runs. */
  slaNextDueAt: defineSearchAttributeKey('SlaNextDueAt', SearchAttributeType.DATETIME),
} as const;

/** Every custom search attribute with its type, for registering them on a server or checking it. */
export const SEARCH_ATTRIBUTES: ReadonlyArray<{ name: string; type: SearchAttributeType }> = Object.values(SearchAttributeKeys).map(
  ({ name, type }) => ({ name, type }),
);

const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  TEXT: 'Text', KEYWORD: 'Keyword', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList',
};

/** The type names of the `temporal` CLI (`--search-attribute Name=Keyword`, `--type Datetime`). */
export function cliTypeName(type: SearchAttributeType): string {
  return CLI_TYPE_NAMES[type];
}
