import { temporal } from '@temporalio/proto';

/** What a replay test asserts of a recorded run's shape: its markers and its activity tasks. */
export type History = temporal.api.history.v1.IHistory;

const { EventType } = temporal.api.enums.v1;

type Event = temporal.api.history.v1.IHistoryEvent;

/** The run's markers named `name`, in history order. */
function markers(history: History, name: string): Event[] {
  return (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === name);
}

/** A marker's JSON detail `key`. */
function detail(marker: Event, key: string): Record<string, unknown> {
  const data = marker.markerRecordedEventAttributes?.details?.[key]?.payloads?.[0]?.data;
  return JSON.parse(Buffer.from(data ?? []).toString('utf8')) as Record<string, unknown>;
}

/** The JSON detail `key` of each marker named `name`, in history order. */
export function markerData(history: History, name: string, key: string): Record<string, unknown>[] {
  return markers(history, name).map((marker) => detail(marker, key));
}

/** The IDs of the run's patch markers, in history order. */
export function patchMarkers(history: History): unknown[] {
  return markerData(history, 'core_patch', 'patch-data').map((d) => d.id);
}

/** The activity types of the run's local activities (one marker each), in history order. */
export function localActivities(history: History): unknown[] {
  return markerData(history, 'core_local_activity', 'data').map((d) => d.activity_type);
}

/** The activity type of each local activity whose marker records a failure (its last attempt failed). */
export function failedLocalActivities(history: History): unknown[] {
  return markers(history, 'core_local_activity').filter((m) => m.markerRecordedEventAttributes?.failure).map((m) => detail(m, 'data').activity_type);
}

/** The activity types of the run's activity tasks, in history order. */
export function scheduledActivities(history: History): unknown[] {
  return (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
    .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name);
}
