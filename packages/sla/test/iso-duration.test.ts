import { MAX_DURATION_MS } from '@gotrs/contracts';
import { formatIsoDuration, InvalidDurationError, parseIsoDuration } from '../src';

const HOUR = 3_600_000;

describe('parseIsoDuration', () => {
  it.each([
    ['PT4H', 4 * HOUR],
    ['PT30M', 30 * 60_000],
    ['PT90S', 90_000],
    ['P1D', 24 * HOUR],
    ['P1DT2H30M', 26.5 * HOUR],
    ['PT0.5S', 500],
    ['PT1,5H', 1.5 * HOUR],
    ['P2W', 14 * 24 * HOUR],
    ['PT36H', 36 * HOUR],
    ['P0DT1M', 60_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each([
    ['P1Y', /years and months have no fixed length/],
    ['P1M', /years and months have no fixed length/],
    ['P1Y2D', /years and months have no fixed length/],
    ['PT0S', /zero-length/],
    ['P0D', /zero-length/],
    ['PT0.0001S', /zero-length/],
    ['', /must start with "P"/],
    ['4H', /must start with "P"/],
    ['pt4h', /must start with "P"/],
    [' PT4H', /must start with "P"/],
    ['-PT4H', /signed duration/],
    ['P', /no components/],
    ['PT', /"T" must be followed/],
    ['P1DT', /"T" must be followed/],
    ['PT4H30', /unexpected "30"/],
    ['PT.5S', /unexpected/],
    ['PT1.5H30M', /only the last component may have a fraction/],
    ['P1W2D', /weeks cannot be combined/],
    ['PT30M4H', /out of order/],
    ['PT4H4H', /repeated or out of order/],
    ['PT1D', /unknown unit "D"/],
    ['P1H', /unknown unit "H"/],
    ['P99999999999999999999D', /too long/],
  ])('rejects %s', (text, reason) => {
    expect(() => parseIsoDuration(text)).toThrow(InvalidDurationError);
    expect(() => parseIsoDuration(text)).toThrow(reason);
  });

  it('names the input and carries a stable code', () => {
    let error: unknown;
    try {
      parseIsoDuration('P1M');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: 'invalid_duration', input: 'P1M', name: 'InvalidDurationError' });
    expect((error as Error).message).toMatch(/^invalid duration "P1M": /);
  });
});

describe('formatIsoDuration', () => {
  it.each([
    [4 * HOUR, 'PT4H'],
    [26 * HOUR, 'P1DT2H'],
    [26.5 * HOUR, 'P1DT2H30M'],
    [24 * HOUR, 'P1D'],
    [14 * 24 * HOUR, 'P14D'],
    [90_000, 'PT1M30S'],
    [500, 'PT0.5S'],
    [HOUR + 1, 'PT1H0.001S'],
    [0, 'PT0S'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatIsoDuration(ms)).toBe(text);
  });

  it('refuses negative and non-finite durations', () => {
    expect(() => formatIsoDuration(-1)).toThrow(RangeError);
    expect(() => formatIsoDuration(Number.NaN)).toThrow(RangeError);
  });

  it('round-trips through parseIsoDuration', () => {
    for (const ms of [1, 999, 1000, 59_999, HOUR, 25 * HOUR + 1, 40 * 24 * HOUR + 7 * 60_000 + 3_250]) {
      expect(parseIsoDuration(formatIsoDuration(ms))).toBe(ms);
    }
  });
});

describe('parseIsoDuration bounds', () => {
  it.each([['P366D'], ['PT8784H'], ['P52W'], ['PT31622400S']])('takes %s, within the maximum P366D', (text) => {
    expect(parseIsoDuration(text)).toBeLessThanOrEqual(MAX_DURATION_MS);
  });

  it.each([['P367D'], ['P366DT0.001S'], ['PT8785H'], ['P53W'], ['P99999999D']])('refuses %s as longer than P366D', (text) => {
    expect(() => parseIsoDuration(text)).toThrow(InvalidDurationError);
    expect(() => parseIsoDuration(text)).toThrow(/too long \(the longest duration taken is P366D\)/);
  });
});
