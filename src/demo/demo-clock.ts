import type { Clock } from '../clock.js';

/**
 * The demo's time: the machine's, moved forward by the time buttons. It keeps running between jumps, so
 * a deadline set "in two hours" stays two hours away until someone jumps.
 */
export class DemoClock implements Clock {
  constructor(private offsetMs = 0) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves to `at`; time never runs backwards (the app's records would read out of order). */
  moveTo(at: Date): void {
    this.offsetMs = Math.max(this.offsetMs, at.getTime() - Date.now());
  }

  get offset(): number {
    return this.offsetMs;
  }
}
