import { describe, expect, it } from 'vitest';
import { cycleState, decrementCycle, nextDue, parseCycle, restoreCycle } from '../../../engine/time/index.js';
import type { TimerCycle } from '../../../engine/time/index.js';

const at = (iso: string): number => Date.parse(iso);

/** Fire the cycle until exhausted (or `max` times), as the runtime would. */
function fireAll(cycle: TimerCycle, fromMs: number, max = 10): string[] {
  const fired: string[] = [];
  let current = cycle;
  let from = fromMs;
  for (let i = 0; i < max; i += 1) {
    const due = nextDue(current, from);
    if (due === undefined) break;
    fired.push(new Date(due).toISOString());
    current = decrementCycle(current);
    from = due;
  }
  return fired;
}

describe('parseCycle — repeating intervals', () => {
  it('fires R5/PT10S five times, ten seconds apart', () => {
    const cycle = parseCycle('R5/PT10S');
    expect(cycle).toMatchObject({ kind: 'repeatingInterval', remaining: 5 });
    expect(fireAll(cycle, at('2026-01-01T00:00:00Z'))).toEqual([
      '2026-01-01T00:00:10.000Z',
      '2026-01-01T00:00:20.000Z',
      '2026-01-01T00:00:30.000Z',
      '2026-01-01T00:00:40.000Z',
      '2026-01-01T00:00:50.000Z',
    ]);
  });

  it('never ends for R/PT1H', () => {
    const cycle = parseCycle('R/PT1H');
    expect(cycle.remaining).toBeNull();
    expect(fireAll(cycle, at('2026-01-01T00:00:00Z'), 3)).toEqual([
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T02:00:00.000Z',
      '2026-01-01T03:00:00.000Z',
    ]);
    expect(decrementCycle(cycle).remaining).toBeNull();
  });

  it('fires R0 never', () => {
    expect(nextDue(parseCycle('R0/PT1S'), 0)).toBeUndefined();
  });

  it('starts at the given start, then keeps to its grid', () => {
    const cycle = parseCycle('R3/2026-01-01T00:00:00Z/PT1H');
    expect(fireAll(cycle, at('2025-12-31T12:00:00Z'))).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T01:00:00.000Z',
      '2026-01-01T02:00:00.000Z',
    ]);
    // Activated after the start: the next grid point strictly after `from`.
    expect(nextDue(cycle, at('2026-01-01T05:30:00Z'))).toBe(at('2026-01-01T06:00:00Z'));
    expect(nextDue(cycle, at('2026-01-01T06:00:00Z'))).toBe(at('2026-01-01T07:00:00Z'));
  });

  it('steps monthly intervals from the start without drifting at short months', () => {
    const cycle = parseCycle('R/2026-01-31T09:00:00Z/P1M');
    expect(fireAll(cycle, at('2026-01-31T09:00:00Z'), 3)).toEqual([
      '2026-02-28T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
      '2026-04-30T09:00:00.000Z',
    ]);
    expect(nextDue(cycle, at('2030-06-15T00:00:00Z'))).toBe(at('2030-06-30T09:00:00Z'));
  });

  it('steps days in UTC even when the start names a zone with DST', () => {
    // 02:30 CET = 01:30Z; a day later Berlin is on CEST, so the same UTC time is 03:30 local.
    const cycle = parseCycle('R2/2026-03-28T02:30:00[Europe/Berlin]/P1D');
    expect(fireAll(cycle, at('2026-03-27T00:00:00Z'))).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z']);
  });

  it('persists as {spec, remaining} and restores', () => {
    const fired = decrementCycle(decrementCycle(parseCycle('R5/PT10S')));
    const state = cycleState(fired);
    expect(JSON.parse(JSON.stringify(state))).toEqual({ spec: 'R5/PT10S', remaining: 3 });
    expect(restoreCycle(state)).toEqual(fired);
    expect(() => restoreCycle({ spec: 'R5/PT10S', remaining: -1 })).toThrowError(expect.objectContaining({ code: 'INVALID_CYCLE' }));
  });
});

describe('parseCycle — cron', () => {
  it('reads a Spring six-field expression, evaluated in UTC', () => {
    const cycle = parseCycle('0 0 9 * * MON-FRI');
    expect(cycle).toMatchObject({ kind: 'cron', remaining: null });
    // Friday 2026-01-02 09:00 → next is Monday 2026-01-05 09:00.
    expect(fireAll(cycle, at('2026-01-02T09:00:00Z'), 2)).toEqual(['2026-01-05T09:00:00.000Z', '2026-01-06T09:00:00.000Z']);
  });

  it('reads a classic five-field expression and macros', () => {
    expect(nextDue(parseCycle('*/15 * * * *'), at('2026-01-01T00:07:00Z'))).toBe(at('2026-01-01T00:15:00Z'));
    expect(nextDue(parseCycle('0 0 12 ? * FRI'), at('2026-01-01T00:00:00Z'))).toBe(at('2026-01-02T12:00:00Z'));
    expect(nextDue(parseCycle('@daily'), at('2026-01-01T10:00:00Z'))).toBe(at('2026-01-02T00:00:00Z'));
  });

  it('finds 29 February only in leap years', () => {
    expect(nextDue(parseCycle('0 0 0 29 2 *'), at('2026-01-01T00:00:00Z'))).toBe(at('2028-02-29T00:00:00Z'));
  });

  it('persists with remaining null', () => {
    expect(cycleState(parseCycle('0 0 9 * * *'))).toEqual({ spec: '0 0 9 * * *', remaining: null });
  });
});

describe('parseCycle — refusals', () => {
  it.each([
    '',
    'R5',
    'R5/',
    'R/PT0S',
    'Rx/PT1S',
    'R5/PT-1S',
    'R5/garbage',
    'R2/2026-01-01T00:00:00/PT1H',
    'R2/2026-01-01T00:00:00Z/PT1H/extra',
    '0 0 25 * * *',
    '0 0 0 31 2 *',
    '* * * *',
    '* * * * * * *',
    'H * * * *',
    'every day',
  ])('refuses %j with INVALID_CYCLE naming the text', (text) => {
    expect(() => parseCycle(text)).toThrowError(expect.objectContaining({ code: 'INVALID_CYCLE', message: expect.stringContaining(`'${text}'`) }));
  });
});
