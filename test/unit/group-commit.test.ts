import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/shared/group-commit.js';

function deferred() {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('group commit', () => {
  it('writes a lone input at once, in a group of one', async () => {
    const groups: number[][] = [];
    const commit = createGroupCommit<number, number>(
      async (_key, inputs) => {
        groups.push(inputs);
        return inputs.map((n) => n * 2);
      },
      { maxGroup: 10 },
    );
    expect(await commit.submit('a', 21)).toBe(42);
    expect(groups).toEqual([[21]]);
  });

  it('collects what arrives while a group is written into the next group', async () => {
    const gate = deferred();
    const groups: number[][] = [];
    const commit = createGroupCommit<number, number>(
      async (_key, inputs) => {
        groups.push(inputs);
        if (groups.length === 1) await gate.promise;
        return inputs;
      },
      { maxGroup: 3 },
    );
    const all = [1, 2, 3, 4, 5, 6].map((n) => commit.submit('a', n));
    gate.release();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(groups).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('keeps keys apart', async () => {
    const groups: string[] = [];
    const commit = createGroupCommit<number, number>(
      async (key, inputs) => {
        groups.push(`${key}:${inputs.join(',')}`);
        return inputs;
      },
      { maxGroup: 10 },
    );
    await Promise.all([commit.submit('a', 1), commit.submit('b', 2)]);
    expect(groups.sort()).toEqual(['a:1', 'b:2']);
  });

  it('writes each input of a failed group on its own, so one bad input fails alone', async () => {
    const gate = deferred();
    let calls = 0;
    const commit = createGroupCommit<number, number>(
      async (_key, inputs) => {
        calls += 1;
        if (calls === 1) await gate.promise;
        if (inputs.includes(-1)) throw new Error('bad input');
        return inputs;
      },
      { maxGroup: 10 },
    );
    const first = commit.submit('a', 0);
    const rest = [commit.submit('a', 1), commit.submit('a', -1), commit.submit('a', 2)].map((p) =>
      p.then(
        (v) => ({ ok: true, v }),
        (e: Error) => ({ ok: false, v: e.message }),
      ),
    );
    gate.release();
    expect(await first).toBe(0);
    expect(await Promise.all(rest)).toEqual([
      { ok: true, v: 1 },
      { ok: false, v: 'bad input' },
      { ok: true, v: 2 },
    ]);
  });
});
