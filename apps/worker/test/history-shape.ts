import { temporal } from '@temporalio/proto';

/** What a replay test asserts of a recorded run's shape: its markers and its activity tasks. */
export type History = temporal.api.history.v1.IHistory;

const { EventType } = temporal.api.enums.v1;

/** The JSON detail `key` of each marker named `name`, in history order. */
export function markerData(history: History, name: string, key: string): Record<string, unknown>[] {
  return (history.events ?? [])
    .filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === name)
    .map((e) => e.markerRecordedEventAttributes?.details?.[key]?.payloads?.[0]?.data)
    .map((data) => JSON.parse(Buffer.from(data ?? []).toString('utf8')) as Record<string, unknown>);
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
  return (history.events ?? [])
    .filter((e) => e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
    .filter((e) => e.markerRecordedEventAttributes?.failure)
    .map((e) => JSON.parse(Buffer.from(e.markerRecordedEventAttributes?.details?.data?.payloads?.[0]?.data ?? []).toString('utf8')).activity_type);
}

/** The activity types of the run's activity tasks, in history order. */
export function scheduledActivities(history: History): unknown[] {
  return (history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
    .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name);
}
