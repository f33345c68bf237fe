import { BusinessCalendar, type CalendarSpec } from '../src';
import { HOUR, MINUTE, at, weekdays } from './support';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const calendars: [string, CalendarSpec][] = [
  ['office hours with lunch and holidays in Berlin', weekdays('Europe/Berlin', ['08:00-12:00', '13:00-17:00'], { holidays: ['--12-25', '2026-05-01'] })],
  ['night shifts in New York', { name: 'nights', timezone: 'America/New_York', week: { sun: ['22:00-06:00'], wed: ['01:30-02:30', '20:00-04:00'], sat: ['00:00-24:00'] } }],
  ['windows around the Berlin change hours', { name: 'edges', timezone: 'Europe/Berlin', week: { sun: ['01:00-02:30', '02:45-03:15'], mon: ['09:00-17:00'] }, holidays: ['--10-26'] }],
];

// Starts over 2026 and into 2027, so every DST change and the yearly holidays are crossed.
const FROM = at('2026-01-01T00:00Z');
const SPAN = 400 * 24 * HOUR;

describe.each(calendars)('business time on %s', (_, spec) => {
  const calendar = new BusinessCalendar(spec);

  it('counts back exactly the duration it added, for many random starts and durations', () => {
    const random = seeded(20260329);
    for (let i = 0; i < 2000; i += 1) {
      const start = FROM + Math.floor(random() * SPAN);
      const duration = 1 + Math.floor(random() * 80 * HOUR);
      const due = calendar.addBusinessTime(start, duration);
      expect(calendar.businessTimeBetween(start, due)).toBe(duration);
      expect(calendar.isOpen(due - 1)).toBe(true);
    }
  });

  it('adds back the open time between two instants to reach the last open moment before the end', () => {
    const random = seeded(20261101);
    for (let i = 0; i < 2000; i += 1) {
      const start = FROM + Math.floor(random() * SPAN);
      const end = start + Math.floor(random() * 10 * 24 * HOUR);
      const open = calendar.businessTimeBetween(start, end);
      if (open === 0) continue;
      const reached = calendar.addBusinessTime(start, open);
      expect(reached).toBeLessThanOrEqual(end);
      expect(calendar.businessTimeBetween(reached, end)).toBe(0);
    }
  });

  it('reports changes that really change the state and nothing in between', () => {
    const random = seeded(7);
    for (let i = 0; i < 1000; i += 1) {
      const instant = FROM + Math.floor(random() * SPAN);
      const change = calendar.nextChange(instant)!;
      expect(change).toBeGreaterThan(instant);
      expect(calendar.isOpen(change)).not.toBe(calendar.isOpen(change - 1));
      const wasOpen = calendar.isOpen(instant);
      expect(calendar.isOpen(change - 1)).toBe(wasOpen);
      expect(calendar.businessTimeBetween(instant, change)).toBe(wasOpen ? change - instant : 0);
    }
  });

  it('grows with the duration', () => {
    const random = seeded(42);
    for (let i = 0; i < 500; i += 1) {
      const start = FROM + Math.floor(random() * SPAN);
      const shorter = calendar.addBusinessTime(start, 30 * MINUTE);
      expect(calendar.addBusinessTime(start, 30 * MINUTE + 1)).toBeGreaterThan(shorter);
    }
  });
});
