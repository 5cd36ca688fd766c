import { describe, expect, it } from 'vitest';
import { shuffle } from '../../src/shared/shuffle.js';

describe('shuffle', () => {
  it('applies Fisher–Yates with the injected randomness', () => {
    const calls: number[] = [];
    // Always pick index 0: swaps i=4↔0, 3↔0, 2↔0, 1↔0 in turn.
    const result = shuffle(['a', 'b', 'c', 'd', 'e'], (max) => {
      calls.push(max);
      return 0;
    });
    expect(result).toEqual(['b', 'c', 'd', 'e', 'a']);
    expect(calls).toEqual([5, 4, 3, 2]);
  });

  it('follows a scripted sequence exactly', () => {
    const picks = [2, 0, 1];
    // i=3: swap 3↔2 → a b d c; i=2: swap 2↔0 → d b a c; i=1: swap 1↔1 → d b a c.
    expect(shuffle(['a', 'b', 'c', 'd'], () => picks.shift() ?? 0)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('leaves the order alone when every pick is the last index', () => {
    expect(shuffle([1, 2, 3, 4], (max) => max - 1)).toEqual([1, 2, 3, 4]);
  });

  it('does not mutate its input', () => {
    const input = Object.freeze(['a', 'b', 'c']);
    const result = shuffle(input, () => 0);
    expect(input).toEqual(['a', 'b', 'c']);
    expect(result).not.toBe(input);
  });

  it('handles empty and single-item lists without asking for randomness', () => {
    const never = (): number => {
      throw new Error('should not be called');
    };
    expect(shuffle([], never)).toEqual([]);
    expect(shuffle(['only'], never)).toEqual(['only']);
  });

  it('returns a permutation with the default randomness', () => {
    const input = Array.from({ length: 100 }, (_, i) => i);
    const result = shuffle(input);
    expect(result).toHaveLength(100);
    expect([...result].sort((a, b) => a - b)).toEqual(input);
    expect(input).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
