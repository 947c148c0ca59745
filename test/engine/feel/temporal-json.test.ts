import { describe, expect, it } from 'vitest';
import { compileFeel } from '../../../engine/feel/index.js';

const value = (source: string) => {
  const result = compileFeel(source).evaluate(() => undefined);
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('FEEL temporals become ISO strings, spelled as Zeebe writes them', () => {
  it('dates', () => {
    expect(value('date("2020-04-06")')).toBe('2020-04-06');
    expect(value('@"2020-04-06" + duration("P1M")')).toBe('2020-05-06');
  });

  it('local times drop zero seconds (java LocalTime), zoned times keep them', () => {
    expect(value('time("10:30:00")')).toBe('10:30');
    expect(value('time("10:30:15")')).toBe('10:30:15');
    expect(value('time("10:30:15.5")')).toBe('10:30:15.500');
    expect(value('time("10:30:00+02:00")')).toBe('10:30:00+02:00');
    expect(value('time("10:30:00Z")')).toBe('10:30:00Z');
    expect(value('time("10:30:00@Europe/Paris")')).toBe('10:30:00@Europe/Paris');
  });

  it('date-times: local, offset, UTC and named zones', () => {
    expect(value('date and time("2020-04-06T08:00:00")')).toBe('2020-04-06T08:00:00');
    expect(value('date and time("2020-04-06T08:00:00.25")')).toBe('2020-04-06T08:00:00.25');
    expect(value('date and time("2020-04-06T08:00:00+05:30")')).toBe('2020-04-06T08:00:00+05:30');
    expect(value('date and time("2020-04-06T08:00:00Z")')).toBe('2020-04-06T08:00:00Z');
    expect(value('date and time("2020-04-06T08:00:00@Europe/Berlin")')).toBe('2020-04-06T08:00:00+02:00[Europe/Berlin]');
    expect(value('date and time("2020-01-06T08:00:00@Europe/Berlin")')).toBe('2020-01-06T08:00:00+01:00[Europe/Berlin]');
  });

  it('durations in feel-scala spelling', () => {
    expect(value('duration("P1DT2H30M")')).toBe('P1DT2H30M');
    expect(value('duration("PT36H")')).toBe('P1DT12H');
    expect(value('duration("PT0S")')).toBe('P0D');
    expect(value('duration("PT1.5S")')).toBe('PT1.5S');
    expect(value('duration("-PT90M")')).toBe('-PT1H30M');
    expect(value('duration("PT1H") - duration("PT90M")')).toBe('-PT30M');
    expect(value('duration("P1Y2M")')).toBe('P1Y2M');
    expect(value('duration("P14M")')).toBe('P1Y2M');
    expect(value('years and months duration(date("2020-01-01"), date("2020-01-20"))')).toBe('P0Y');
    expect(value('date("2020-01-01") - date("2021-01-01")')).toBe('-P366D');
  });

  it('converts temporals nested in lists and contexts', () => {
    expect(value('{due: date("2020-04-06"), reminders: [duration("PT1H"), duration("P1D")]}')).toEqual({
      due: '2020-04-06',
      reminders: ['PT1H', 'P1D'],
    });
  });

  it('now() and today() produce parseable values', () => {
    expect(value('today()')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number.isNaN(Date.parse(String(value('now()')).replace(/\[.*\]$/, '')))).toBe(false);
  });
});
