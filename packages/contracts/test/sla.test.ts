import { MAX_DURATION_MS, decodeGoSlaConfig, decodeSlaSignal } from '../src';
import { NUL, refusal } from './support';

const HOUR_NS = 3_600_000_000_000;

describe('decodeGoSlaConfig', () => {
  it("takes Go's SLAConfig in nanoseconds", () => {
    expect(decodeGoSlaConfig({ FirstResponseTime: 4 * HOUR_NS, ResolutionTime: 24 * HOUR_NS })).toEqual({ FirstResponse: 14_400_000, Resolution: 86_400_000 });
  });

  it('takes a zero duration as "no clock for that milestone", and SLAConfig{} as no clocks at all', () => {
    expect(decodeGoSlaConfig({ FirstResponseTime: 4 * HOUR_NS, ResolutionTime: 0 })).toEqual({ FirstResponse: 14_400_000 });
    expect(decodeGoSlaConfig({ FirstResponseTime: 0, ResolutionTime: 0 })).toEqual({});
  });

  it('answers undefined for an object that is no SLAConfig', () => {
    expect(decodeGoSlaConfig({ plan: {} })).toBeUndefined();
    expect(decodeGoSlaConfig('PT4H')).toBeUndefined();
  });

  it('refuses a negative duration, one that is not a number, and one above P366D, naming the field', () => {
    expect(refusal(() => decodeGoSlaConfig({ FirstResponseTime: -1 }))).toMatchObject({ field: 'firstResponseTime' });
    expect(refusal(() => decodeGoSlaConfig({ ResolutionTime: '4h' }))).toMatchObject({ field: 'resolutionTime' });
    expect(refusal(() => decodeGoSlaConfig({ ResolutionTime: (MAX_DURATION_MS + 1) * 1_000_000 }))).toMatchObject({
      field: 'resolutionTime', message: expect.stringContaining('at most P366D'),
    });
    expect(decodeGoSlaConfig({ ResolutionTime: MAX_DURATION_MS * 1_000_000 })).toEqual({ Resolution: MAX_DURATION_MS });
  });
});

describe('decodeSlaSignal', () => {
  it('reads ticket-status-changed and refuses one without a status or with unstorable text', () => {
    expect(decodeSlaSignal('ticket-status-changed', { status: 'open', at: '2026-11-25T09:00:00Z' })).toEqual({ kind: 'status', status: 'open', at: '2026-11-25T09:00:00.000Z' });
    expect(refusal(() => decodeSlaSignal('ticket-status-changed', { status: '' }))).toMatchObject({ field: 'status' });
    expect(refusal(() => decodeSlaSignal('ticket-status-changed', { status: NUL }))).toMatchObject({ field: 'status', problem: 'unstorable' });
  });

  it('reads a milestone completion sent with nothing, and one with every field zero-valued, as "now, by nobody"', () => {
    expect(decodeSlaSignal('FirstResponse-complete', undefined)).toEqual({ kind: 'complete', milestone: 'FirstResponse' });
    expect(decodeSlaSignal('Resolution-complete', { At: '0001-01-01T00:00:00Z', Actor: '', Reason: '' })).toEqual({ kind: 'complete', milestone: 'Resolution' });
    expect(decodeSlaSignal('Update-complete', { at: '2026-11-25T09:00:00Z', actor: 'agent-7', reason: 'answered' })).toEqual({
      kind: 'complete', milestone: 'Update', at: '2026-11-25T09:00:00.000Z', actor: 'agent-7', reason: 'answered',
    });
  });

  it('refuses unstorable text and unreadable times in a completion, naming the field', () => {
    expect(refusal(() => decodeSlaSignal('FirstResponse-complete', { reason: NUL }))).toMatchObject({ field: 'reason', problem: 'unstorable' });
    expect(refusal(() => decodeSlaSignal('FirstResponse-complete', { actor: NUL }))).toMatchObject({ field: 'actor', problem: 'unstorable' });
    expect(refusal(() => decodeSlaSignal('FirstResponse-complete', { at: 'soon' }))).toMatchObject({ field: 'at' });
    expect(refusal(() => decodeSlaSignal('FirstResponse-complete', 'now'))).toBeDefined();
  });

  it('answers undefined for a signal that is none of the SLA workflow\'s', () => {
    expect(decodeSlaSignal('Lunch-complete', {})).toBeUndefined();
  });
});
