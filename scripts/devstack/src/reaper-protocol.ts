/** A command the reaper runs when its parent vanishes (e.g. `pg_ctl stop`), as uid/gid if given. */
export interface ReaperCommand {
  command: string;
  args: string[];
  uid?: number;
  gid?: number;
}

/** Messages from a devstack process to its reaper (see reaper.ts). */
export type ReaperMessage =
  | { type: 'watch-group'; pid: number }
  | { type: 'forget-group'; pid: number }
  | { type: 'run-on-exit'; key: string; command: ReaperCommand }
  | { type: 'forget-command'; key: string }
  | { type: 'done' };
