import { patched } from '@temporalio/workflow';

/**
 * Patch ID of the compact run shape (issue 11): the ticket's and the SLA's PostgreSQL writes and the
 * ticket's notices as local activities, and one patch marker for a run instead of one per change.
 * Every `patched()` that returns true records a marker and an upsert of TemporalChangeVersion (two
 * history events); a run that starts with this patch takes every earlier patch as applied without
 * asking for it, so those pairs are not written again. Each workflow asks for it as its first
 * statement, before anything is awaited, so that the marker sits at the same point on every replay.
 */
export const COMPACT_PATCH = 'compact-history';

/** Whether this run follows the compact shape; the first call of a run records its marker. */
export function isCompact(): boolean {
  return patched(COMPACT_PATCH);
}

/**
 * `patched(patchId)` for a patch older than the compact shape: true without a marker of its own in a
 * compact run, and as `patched()` answers in a run recorded before (or while replaying one).
 */
export function applied(patchId: string): boolean {
  return isCompact() || patched(patchId);
}
