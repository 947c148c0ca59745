import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../engine/time/index.js';

describe('parseDate', () => {
  it('reads UTC and offset date-times', () => {
    expect(parseDate('2026-01-01T10:00:00Z')).toBe(Date.UTC(2026, 0, 1, 10));
    expect(parseDate('2026-01-01T10:00:00+02:00')).toBe(Date.UTC(2026, 0, 1, 8));
    expect(parseDate('2026-01-01T10:00:00-0530')).toBe(Date.UTC(2026, 0, 1, 15, 30));
    expect(parseDate('2026-01-01T10:00:00.250Z')).toBe(Date.UTC(2026, 0, 1, 10, 0, 0, 250));
    expect(parseDate('2026-01-01T10:00Z')).toBe(Date.UTC(2026, 0, 1, 10));
  });

  it('reads the zone-id form, in winter and in summer', () => {
    expect(parseDate('2026-01-01T10:00:00[Europe/Berlin]')).toBe(Date.UTC(2026, 0, 1, 9));
    expect(parseDate('2026-07-01T10:00:00[Europe/Berlin]')).toBe(Date.UTC(2026, 6, 1, 8));
  });

  it('lets an explicit offset pin the instant when a zone id follows it', () => {
    expect(parseDate('2026-07-01T10:00:00+02:00[Europe/Berlin]')).toBe(Date.UTC(2026, 6, 1, 8));
  });

  it('moves a local time skipped by DST forward by the gap, as Java does', () => {
    // 2026-03-29 02:00 → 03:00 in Berlin: 02:30 does not exist; it becomes 03:30 CEST.
    expect(parseDate('2026-03-29T02:30:00[Europe/Berlin]')).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('takes the earlier instant for a local time that occurs twice', () => {
    // 2026-10-25 03:00 → 02:00 in Berlin: 02:30 happens at +02:00 and again at +01:00.
    expect(parseDate('2026-10-25T02:30:00[Europe/Berlin]')).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it.each([
    '',
    '2026-01-01',
    '2026-01-01T10:00:00',
    '2026-13-01T10:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T10:00:00[Mars/Olympus]',
    'tomorrow',
    '2026-01-01 10:00:00Z',
  ])('refuses %j with INVALID_DATE naming the text', (text) => {
    expect(() => parseDate(text)).toThrowError(expect.objectContaining({ code: 'INVALID_DATE', message: expect.stringContaining(`'${text}'`) }));
  });
});
