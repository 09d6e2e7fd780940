import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../src/boundedMap.js';

describe('BoundedMap', () => {
  it('never holds more than max entries, and keeps at least half of them', () => {
    const m = new BoundedMap<number, number>(100);
    for (let i = 0; i < 10_000; i++) {
      m.set(i, i * 2);
      expect(m.size).toBeLessThanOrEqual(100);
    }
    expect(m.size).toBeGreaterThanOrEqual(50);
    // The newest are there with their values; the oldest are gone.
    for (let i = 9_950; i < 10_000; i++) expect(m.get(i)).toBe(i * 2);
    expect(m.get(0)).toBeUndefined();
  });

  it('keeps an entry that is read, as the least recently used ones go', () => {
    const m = new BoundedMap<string, string>(10);
    m.set('hot', 'h');
    for (let i = 0; i < 1_000; i++) {
      m.set(`cold${i}`, 'c');
      expect(m.get('hot')).toBe('h');
    }
    expect(m.get('cold0')).toBeUndefined();
  });

  it('overwrites and deletes', () => {
    const m = new BoundedMap<string, number>(100);
    m.set('a', 1).set('b', 2);
    m.set('a', 3);
    expect(m.get('a')).toBe(3);
    expect(m.size).toBe(2);
    expect(m.delete('a')).toBe(true);
    expect(m.delete('a')).toBe(false);
    expect(m.get('a')).toBeUndefined();
    expect(m.get('b')).toBe(2);
  });

  it('overwrites an entry that sits in the older generation, leaving one copy', () => {
    const m = new BoundedMap<string, number>(4);
    m.set('a', 1).set('b', 2); // the young generation is full: both move to the old one
    m.set('a', 3);
    expect(m.get('a')).toBe(3);
    expect(m.size).toBe(2);
  });
});
