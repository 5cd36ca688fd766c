import { performance } from 'node:perf_hooks';
import { emptySamples, type Samples } from './stats.js';

export interface Outcome {
  ms: number;
  /** The app answered as it should (a refusal or error still has its time counted). */
  ok: boolean;
}

/** Sends requests firstK…firstK+count-1 from `concurrency` senders that each wait for their answer. */
export type Burst = (firstK: number, count: number, concurrency: number) => Promise<Outcome[]>;

/** Both sides of a row: the same requests, to Rearview and to the bare Bolt app. */
export interface Sides<T> {
  rearview: T;
  bare: T;
}

export type SideName = keyof Sides<unknown>;

export interface Workload {
  name: string;
  /** Unmeasured set-up before a side's round, e.g. seeding the retros its requests will reveal. */
  beforeRound?(side: SideName, firstK: number, count: number): Promise<void>;
  bursts: Sides<Burst>;
}

export interface Plan {
  concurrency: number;
  rounds: number;
  perRound: number;
}

/**
 * Runs `rounds` rounds; in each, both sides get `perRound` requests from `concurrency` senders, one
 * side after the other, the order swapped every round so neither always runs on a warmer (or
 * busier) machine. `settle` waits for the work an app does after acknowledging to finish.
 */
export async function interleaved(
  workload: Workload,
  plan: Plan,
  settle: () => Promise<unknown>,
): Promise<Sides<Samples>> {
  const result: Sides<Samples> = { rearview: emptySamples(), bare: emptySamples() };
  for (let round = 0; round < plan.rounds; round++) {
    const order: SideName[] = round % 2 === 0 ? ['rearview', 'bare'] : ['bare', 'rearview'];
    for (const side of order) {
      const firstK = round * plan.perRound;
      await workload.beforeRound?.(side, firstK, plan.perRound);
      const outcomes = await workload.bursts[side](firstK, plan.perRound, plan.concurrency);
      for (const { ms, ok } of outcomes) {
        result[side].ms.push(ms);
        if (!ok) result[side].failures++;
      }
      await settle();
    }
  }
  return result;
}

/** A burst sent and timed from this process, for requests measured beyond their answer (a reveal). */
export function inProcess(request: (k: number) => Promise<boolean>): Burst {
  return async (firstK, count, concurrency) => {
    const outcomes: Outcome[] = [];
    let next = 0;
    const sender = async () => {
      while (next < count) {
        const k = firstK + next++;
        const start = performance.now();
        const ok = await request(k).catch(() => false);
        outcomes.push({ ms: performance.now() - start, ok });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, sender));
    return outcomes;
  };
}
