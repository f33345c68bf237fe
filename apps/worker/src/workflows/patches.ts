import { patched, workflowInfo } from '@temporalio/workflow';
import { decodeWorkflowSettings, type WorkflowSettings, type WorkflowSettingsMemo } from '@gotrs/contracts';

/**
 * Patch ID of the compact run shape (issue 11): the ticket's and the SLA's PostgreSQL writes and the
 * ticket's notices as local activities, and one patch marker for a run instead of one per change.
 * Every `patched()` that returns true records a marker and an upsert of TemporalChangeVersion (two
 * history events); a run that starts with this patch takes every earlier patch as applied without
 * asking for it, so those pairs are not written again. Each workflow asks for it as its first
 * statement, before anything is awaited, so that the marker sits at the same point on every replay.
 */
export const COMPACT_PATCH = 'compact-history';

/**
 * Patch ID of the compact shape whose workflow settings come from the run's memo, where its starter
 * recorded them (`workflowSettings`), instead of a local activity that asks the worker (one marker
 * fewer). It supersedes {@link COMPACT_PATCH}: a run that takes it records its marker alone.
 * Asked only when the memo holds settings, so a run started without them (a Go caller's) records
 * the compact marker as before; a run recorded before this patch replays without it.
 */
export const SETTINGS_IN_MEMO_PATCH = 'settings-in-memo';

/** The settings in the run's start memo (continue-as-new keeps the memo); undefined when it has none. */
function memoSettings(): WorkflowSettings | undefined {
  return decodeWorkflowSettings((workflowInfo().memo ?? {}).workflowSettings);
}

/** For the memo of a run this one starts (an SLA, an escalation): the settings this run's starter gave it. */
export function settingsMemo(): WorkflowSettingsMemo {
  const workflowSettings = memoSettings();
  return workflowSettings ? { workflowSettings } : {};
}

/** How this run goes: compact or not, and the settings its memo gave it when it takes them from there. */
export interface RunShape {
  compact: boolean;
  /** The memo's settings in a run that follows {@link SETTINGS_IN_MEMO_PATCH}; undefined: ask the worker. */
  settings: WorkflowSettings | undefined;
}

/** Asked as each workflow's first statement; the first call of a run records its one patch marker. */
export function runShape(): RunShape {
  const settings = memoSettings();
  if (settings && patched(SETTINGS_IN_MEMO_PATCH)) return { compact: true, settings };
  return { compact: patched(COMPACT_PATCH), settings: undefined };
}

/**
 * `patched(patchId)` for a patch older than the compact shape: true without a marker of its own in a
 * compact run, and as `patched()` answers in a run recorded before (or while replaying one). The
 * superseding patch is asked first so that a run which took it never records the compact marker.
 */
export function applied(patchId: string): boolean {
  return (memoSettings() !== undefined && patched(SETTINGS_IN_MEMO_PATCH)) || patched(COMPACT_PATCH) || patched(patchId);
}
