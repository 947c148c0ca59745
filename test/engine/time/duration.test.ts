import { describe, expect, it } from 'vitest';
import { addDuration, durationMs, parseDuration } from '../../../engine/time/index.js';

const at = (iso: string): number => Date.parse(iso);

describe('parseDuration', () => {
  it('reads the parts of common durations', () => {
    expect(parseDuration('PT5M')).toMatchObject({ minutes: 5, hours: 0, milliseconds: 0 });
    expect(parseDuration('P1DT2H')).toMatchObject({ days: 1, hours: 2 });
    expect(parseDuration('P2W')).toMatchObject({ weeks: 2 });
    expect(parseDuration('PT0.5S')).toMatchObject({ milliseconds: 500 });
    expect(parseDuration('P1Y2M')).toMatchObject({ years: 1, months: 2 });
    expect(parseDuration(' pt10s ').text).toBe('pt10s');
  });

  it('adds exact parts to an instant', () => {
    const from = at('2026-01-01T00:00:00Z');
    expect(addDuration(from, parseDuration('PT5M'))).toBe(from + 5 * 60_000);
    expect(addDuration(from, parseDuration('P1DT2H'))).toBe(at('2026-01-02T02:00:00Z'));
    expect(addDuration(from, parseDuration('P2W'))).toBe(at('2026-01-15T00:00:00Z'));
    expect(addDuration(from, parseDuration('PT0.5S'))).toBe(from + 500);
    expect(addDuration(from, parseDuration('PT0S'))).toBe(from);
  });

  it('adds months and years on the UTC calendar, clamping to the month end', () => {
    expect(addDuration(at('2026-01-31T10:00:00Z'), parseDuration('P1M'))).toBe(at('2026-02-28T10:00:00Z'));
    expect(addDuration(at('2024-01-31T10:00:00Z'), parseDuration('P1M'))).toBe(at('2024-02-29T10:00:00Z'));
    expect(addDuration(at('2024-02-29T00:00:00Z'), parseDuration('P1Y'))).toBe(at('2025-02-28T00:00:00Z'));
    expect(addDuration(at('2026-01-01T00:00:00Z'), parseDuration('P1Y2M'))).toBe(at('2027-03-01T00:00:00Z'));
  });

  it.each(['', 'P', 'PT', 'P1DT', '5M', 'PT5', '-PT5M', 'PT-5M', 'P1.5D', 'PT1M2H', 'P1S', 'PT5M garbage', 'P99999999999999999999Y', 'P400000Y'])(
    'refuses %j with INVALID_DURATION naming the text',
    (text) => {
      expect(() => parseDuration(text)).toThrowError(expect.objectContaining({ code: 'INVALID_DURATION', message: expect.stringContaining(`'${text}'`) }));
    },
  );
});

describe('durationMs (task headers such as retryBackoff)', () => {
  it('gives the length in ms, or undefined for text that is not an ISO 8601 duration', () => {
    expect(durationMs('PT30S')).toBe(30_000);
    expect(durationMs('P1DT2H')).toBe(26 * 3_600_000);
    expect(durationMs('PT0S')).toBe(0);
    expect(durationMs('30s')).toBeUndefined();
    expect(durationMs('')).toBeUndefined();
  });
});
