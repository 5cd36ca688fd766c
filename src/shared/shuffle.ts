import { randomInt } from 'node:crypto';

function cryptoRandomInt(maxExclusive: number): number {
  return randomInt(maxExclusive);
}

/**
 * Fisher–Yates over a copy. Crypto randomness by default because the reveal order must not hint at
 * who submitted what or when.
 */
export function shuffle<T>(
  items: readonly T[],
  randomInt: (maxExclusive: number) => number = cryptoRandomInt,
): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}
