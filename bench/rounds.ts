import { performance } from 'node:perf_hooks';
import { emptySamples, type Samples } from './stats.js';

export interface Outcome {
  ms: number;
  /** The app answered as it should (a refusal or error still has its time counted). */
  ok: boolean;
  /** For a request that was not ok: what it got back. */
  answer?: string;
}

/** Sends requests firstK…firstK+count-1 from `concurrency` senders that each wait for their answer. */
export type Burst = (firstK: number, count: number, concurrency: number) => Promise<Outcome[]>;

/**
 * The sides of a row: the same requests, to Rearview, to the bare Bolt app and, for rows whose
 * requests store something, to the durable floor (durable-floor.ts).
 */
export interface Sides<T> {
  rearview: T;
  bare: T;
  durable?: T;
}

export type SideName = keyof Sides<unknown>;

/** Every side a row has, in a fixed order. */
export function sidesOf<T>(sides: Sides<T>): SideName[] {
  return (['rearview', 'bare', 'durable'] as const).filter((side) => sides[side] !== undefined);
}

export interface Workload {
  name: string;
  /** Unmeasured set-up before a side's burst, e.g. seeding the retros its requests will reveal. */
  beforeBurst?(side: SideName, firstK: number, count: number): Promise<void>;
  bursts: Sides<Burst>;
}

/** One part of a round: `perRound` requests from `concurrency` senders. */
export interface Step {
  concurrency: number;
  perRound: number;
}

export interface Plan {
  rounds: number;
  steps: Step[];
}

/**
 * Runs `rounds` rounds of every step; in each step every side gets the same requests, one side after
 * the other, the order rotated every time so none always runs on a warmer (or busier) machine.
 * Requests are numbered on across steps and rounds, so a workload that grows (new people) grows for
 * every step alike. `settle` waits for the work Rearview does after acknowledging to finish, so it
 * does not land in the next burst (the bare app does nothing after its acknowledgement).
 * Results are keyed by concurrency.
 */
export async function interleaved(
  workload: Workload,
  plan: Plan,
  settle: () => Promise<unknown>,
): Promise<Map<number, Sides<Samples>>> {
  const sides = sidesOf(workload.bursts);
  const results = new Map(
    plan.steps.map((s): [number, Sides<Samples>] => [
      s.concurrency,
      {
        rearview: emptySamples(),
        bare: emptySamples(),
        ...(workload.bursts.durable ? { durable: emptySamples() } : {}),
      },
    ]),
  );
  let firstK = 0;
  let turn = 0;
  for (let round = 0; round < plan.rounds; round++) {
    for (const { concurrency, perRound } of plan.steps) {
      const result = results.get(concurrency);
      if (!result) continue;
      const shift = turn++;
      const order = sides.map((_, i) => sides[(i + shift) % sides.length] as SideName);
      for (const side of order) {
        const burst = workload.bursts[side];
        const samples = result[side];
        if (!burst || !samples) continue;
        await workload.beforeBurst?.(side, firstK, perRound);
        const cpuBefore = process.cpuUsage();
        const outcomes = await burst(firstK, perRound, concurrency);
        const cpu = process.cpuUsage(cpuBefore);
        samples.cpuMs += (cpu.user + cpu.system) / 1000;
        for (const { ms, ok, answer } of outcomes) {
          samples.ms.push(ms);
          if (ok) continue;
          samples.failures++;
          samples.firstFailure ??= answer ?? '(no answer)';
        }
        if (side === 'rearview') await settle();
      }
      firstK += perRound;
    }
  }
  return results;
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
        const outcome = await request(k).then(
          (ok): Outcome => ({ ms: performance.now() - start, ok }),
          (error: unknown): Outcome => ({ ms: performance.now() - start, ok: false, answer: String(error) }),
        );
        outcomes.push(outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, sender));
    return outcomes;
  };
}
