import { describe, expect, it } from 'vitest';
import { ManualClock, WeftError } from '../../core/index.js';

describe('ManualClock', () => {
  it('moves only when told to', () => {
    const clock = new ManualClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('WeftError', () => {
  it('serializes to the seed 003 error shape', () => {
    const error = new WeftError('SOME_CODE', 'it broke', { details: { elementId: 'Task_1' } });
    expect(error.toJSON()).toEqual({ code: 'SOME_CODE', description: 'it broke', details: { elementId: 'Task_1' } });
    expect(error.retryable).toBe(false);
  });
});
