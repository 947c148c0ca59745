import { describe, expect, it } from 'vitest';
import { ChurnMap } from '../../core/index.js';

describe('ChurnMap', () => {
  it('keeps entries by number or string key, and counts them', () => {
    const map = new ChurnMap<string>();
    expect(map.set(7, 'seven')).toBe(map);
    map.set('job-1', 'one');
    map.set(7, 'SEVEN');
    expect(map.size).toBe(2);
    expect(map.get(7)).toBe('SEVEN');
    expect(map.get('job-1')).toBe('one');
    expect(map.get(8)).toBeUndefined();
    expect(map.has(7)).toBe(true);
    expect(map.has(8)).toBe(false);
  });

  it('treats 5 and "5" as one key, as property keys are', () => {
    const map = new ChurnMap<number>();
    map.set(5, 1);
    map.set('5', 2);
    expect(map.size).toBe(1);
    expect(map.get(5)).toBe(2);
    expect(map.keys()).toEqual(['5']);
  });

  it('knows an entry whose value is undefined', () => {
    const map = new ChurnMap<undefined>();
    map.set(1, undefined);
    expect(map.has(1)).toBe(true);
    expect(map.size).toBe(1);
    expect(map.delete(1)).toBe(true);
    expect(map.size).toBe(0);
  });

  it('deletes only what is there', () => {
    const map = new ChurnMap<string>();
    map.set(1, 'a');
    expect(map.delete(2)).toBe(false);
    expect(map.delete(1)).toBe(true);
    expect(map.delete(1)).toBe(false);
    expect(map.size).toBe(0);
  });

  it('has no inherited keys', () => {
    const map = new ChurnMap<string>();
    expect(map.has('toString')).toBe(false);
    expect(map.has('__proto__')).toBe(false);
    map.set('__proto__', 'value');
    expect(map.get('__proto__')).toBe('value');
    expect(map.size).toBe(1);
    expect(map.keys()).toEqual(['__proto__']);
  });

  it('walks snapshots: entries may be deleted while walking', () => {
    const map = new ChurnMap<number>();
    for (let i = 0; i < 100; i++) map.set(1_000_000_000_000 + i, i);
    let seen = 0;
    for (const key of map.keys()) {
      map.delete(key);
      seen++;
    }
    expect(seen).toBe(100);
    expect(map.size).toBe(0);
    expect(map.values()).toEqual([]);
  });

  it('gives integer keys in ascending order, then the others in insertion order', () => {
    const map = new ChurnMap<string>();
    map.set('b', 'B');
    map.set(30, 'thirty');
    map.set('a', 'A');
    map.set(4, 'four');
    expect(map.keys()).toEqual(['4', '30', 'b', 'a']);
    expect(map.values()).toEqual(['four', 'thirty', 'B', 'A']);
  });

  it('forgets everything on clear', () => {
    const map = new ChurnMap<string>();
    map.set(1, 'a').set(2, 'b');
    map.clear();
    expect(map.size).toBe(0);
    expect(map.get(1)).toBeUndefined();
    map.set(1, 'c');
    expect(map.size).toBe(1);
  });
});
