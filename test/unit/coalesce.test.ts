import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../../src/shared/coalesce.js';
import { waitFor } from '../harness/poll.js';

describe('coalescer', () => {
  it('folds a burst into the first run and one more, the last starting after the last request', async () => {
    const runs: number[] = [];
    let requests = 0;
    const coalescer = createCoalescer(
      async () => {
        runs.push(requests);
      },
      { minIntervalMs: 30 },
    );
    for (let i = 0; i < 50; i++) {
      requests += 1;
      coalescer.request('card');
    }
    await waitFor(() => runs.length === 2, 'two runs');
    expect(runs).toEqual([1, 50]);
    await coalescer.stop();
  });

  it('with a settle time, runs a burst once, after the burst, and a lone request after that time', async () => {
    let clock = 0;
    const runs: number[] = [];
    let requests = 0;
    const coalescer = createCoalescer(
      async () => {
        runs.push(requests);
      },
      { minIntervalMs: 1_000, settleMs: 40, now: () => clock },
    );
    for (let i = 0; i < 50; i++) {
      requests += 1;
      coalescer.request('card');
    }
    // Nothing runs while the burst may still be arriving.
    expect(runs).toEqual([]);
    await waitFor(() => runs.length === 1, 'the run after the settle time');
    expect(runs).toEqual([50]);
    // Long after: a lone request still waits the settle time, not a whole interval.
    clock = 10_000;
    requests += 1;
    coalescer.request('card');
    expect(runs).toEqual([50]);
    await waitFor(() => runs.length === 2, 'the lone request run');
    expect(runs).toEqual([50, 51]);
    await coalescer.stop();
  });

  it('keeps going after a failed run, reporting it', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const coalescer = createCoalescer(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('slack down');
      },
      { minIntervalMs: 0, onError: (_key, error) => errors.push(error) },
    );
    coalescer.request('card');
    await waitFor(() => errors.length === 1, 'the reported failure');
    coalescer.request('card');
    await waitFor(() => calls === 2, 'the second run');
    await coalescer.stop();
  });

  it('at stop, runs what was still waiting at once, waits for it, and ignores later requests', async () => {
    const runs: string[] = [];
    const coalescer = createCoalescer(
      async (key) => {
        runs.push(key);
      },
      { minIntervalMs: 60_000, settleMs: 60_000 },
    );
    coalescer.request('a');
    coalescer.request('b');
    expect(runs).toEqual([]);
    await coalescer.stop();
    expect(runs.sort()).toEqual(['a', 'b']);
    coalescer.request('a');
    expect(runs).toHaveLength(2);
  });

  it('at stop, lets a running run finish and then runs once more for what was asked meanwhile', async () => {
    const runs: number[] = [];
    let requests = 0;
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const coalescer = createCoalescer(
      async () => {
        runs.push(requests);
        if (runs.length === 1) await gate;
      },
      { minIntervalMs: 60_000 },
    );
    requests += 1;
    coalescer.request('card');
    requests += 1;
    coalescer.request('card');
    const stopping = coalescer.stop();
    release();
    await stopping;
    expect(runs).toEqual([1, 2]);
  });
});
