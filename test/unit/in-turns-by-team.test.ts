import { describe, expect, it } from 'vitest';
import { inTurnsByTeam } from '../../src/follow-up/follow-up.js';

const owners = (spec: string) => spec.split(' ').map((id) => ({ teamId: id.slice(0, 1), ownerId: id }));
const ids = (list: { ownerId: string }[]) => list.map((o) => o.ownerId).join(' ');

describe('inTurnsByTeam', () => {
  it.each([
    ['each workspace’s first, then each one’s second', 'A1 A2 A3 B1 B2 C1', 'A1 B1 C1 A2 B2 A3'],
    ['one workspace keeps its order', 'A1 A2 A3', 'A1 A2 A3'],
    ['workspaces in the order they first appear', 'B1 A1 B2 A2', 'B1 A1 B2 A2'],
    ['one each: unchanged', 'A1 B1 C1', 'A1 B1 C1'],
  ])('%s', (_, given, expected) => {
    const list = owners(given);
    expect(ids(inTurnsByTeam(list))).toBe(expected);
  });

  it('returns every entry once, and nothing for nothing', () => {
    const list = owners('A1 B1 A2 C1 A3 B2 C2 C3 C4');
    const turns = inTurnsByTeam(list);
    expect(turns).toHaveLength(list.length);
    expect(new Set(turns)).toEqual(new Set(list));
    expect(inTurnsByTeam([])).toEqual([]);
  });
});
