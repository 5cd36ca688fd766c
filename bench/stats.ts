/** Latency samples of one side of one row, in milliseconds. */
export interface Samples {
  ms: number[];
  /** Requests the app refused or answered with an error; their times are still in `ms`. */
  failures: number;
  /** What the first refused or failed request got back, to tell why. */
  firstFailure?: string;
  /**
   * This process's CPU time during the bursts, in ms: the app's, and the embedded database's when it is
   * the one in use. The senders and PostgreSQL run in processes of their own, except the bursts sent from
   * this process (rounds.ts `inProcess`, the reveal), whose sending counts here too.
   */
  cpuMs: number;
}

export function emptySamples(): Samples {
  return { ms: [], failures: 0, cpuMs: 0 };
}

/** Nearest-rank percentile (q in 0..1) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}
