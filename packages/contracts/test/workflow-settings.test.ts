import { decodeWorkflowSettings, type WorkflowSettings } from '../src';

const settings: WorkflowSettings = {
  retryPolicy: { initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 100_000, maximumAttempts: 5 },
  startToCloseTimeoutMs: 30_000,
  persistenceMaximumAttempts: 0,
  continueAsNewAfterEvents: 10_000,
};

describe('decodeWorkflowSettings: the settings a run takes from its memo', () => {
  it('takes settings as config writes them, and only their fields', () => {
    expect(decodeWorkflowSettings({ ...settings, extra: 'x', retryPolicy: { ...settings.retryPolicy, extra: 1 } })).toEqual(settings);
  });

  it.each([
    ['absent', undefined],
    ['null (Go nil)', null],
    ['a string', 'fast'],
    ['an array', []],
    ['no retry policy', { ...settings, retryPolicy: undefined }],
    ['a zero initial interval', { ...settings, retryPolicy: { ...settings.retryPolicy, initialIntervalMs: 0 } }],
    ['a backoff below 1', { ...settings, retryPolicy: { ...settings.retryPolicy, backoffCoefficient: 0.5 } }],
    ['an infinite maximum interval', { ...settings, retryPolicy: { ...settings.retryPolicy, maximumIntervalMs: Infinity } }],
    ['a fractional attempt count', { ...settings, retryPolicy: { ...settings.retryPolicy, maximumAttempts: 1.5 } }],
    ['a negative persistence count', { ...settings, persistenceMaximumAttempts: -1 }],
    ['a numeric string timeout', { ...settings, startToCloseTimeoutMs: '30000' }],
    ['continue-as-new below 100 events', { ...settings, continueAsNewAfterEvents: 99 }],
    ['an activity timeout past 366 days', { ...settings, startToCloseTimeoutMs: 1e15 }],
    ['more attempts than an int32 holds', { ...settings, retryPolicy: { ...settings.retryPolicy, maximumAttempts: 2 ** 31 } }],
    ['Go zero values', { retryPolicy: { initialIntervalMs: 0, backoffCoefficient: 0, maximumIntervalMs: 0, maximumAttempts: 0 }, startToCloseTimeoutMs: 0, persistenceMaximumAttempts: 0, continueAsNewAfterEvents: 0 }],
  ])('refuses %s: the run asks the worker instead', (_case, value) => {
    expect(decodeWorkflowSettings(value)).toBeUndefined();
  });
});
